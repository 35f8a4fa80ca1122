// Public surface of the targets analysis (DOMAIN §7a): sheet reading, the view, why the shortfall.
export * from './types';
export * from './sql';
export * from './resolve';
export * from './view';
export * from './why';
export * from './dimensions';
