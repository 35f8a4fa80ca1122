// Every view on the built-in sample in English, at a phone's width (390 px): see views-tour.ts.
import { tourEveryView } from './views-tour';

tourEveryView('en', 390);
