// Every view on the built-in sample in English: see views-tour.ts.
import { tourEveryView } from './views-tour';

tourEveryView('en');
