// Risk warnings (DOMAIN §7c): receivables, unusual orders and returns, dependence, the summary.
export * from './receivables';
export * from './receivables-summary';
export * from './unusual-orders';
export * from './returns';
export * from './dependence';
export * from './identity';
export * from './summary';
