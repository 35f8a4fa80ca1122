// Every view on the built-in sample in Chinese: see views-tour.ts.
import { tourEveryView } from './views-tour';

tourEveryView('zh-CN');
