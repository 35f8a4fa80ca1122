// Risk warnings (DOMAIN §7c): receivables, unusual orders and returns, dependence.
export * from './receivables';
