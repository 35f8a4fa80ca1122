// Public surface of the pure analysis core (runs in the worker and in Node tests).
export * from './types';
export * from './rfm';
export * from './segments';
export * from './tiers';
export * from './concentration';
export * from './score';
export * from './summary';
export * from './filter';
export * from './lifecycle';
export * from './customer-months';
export * from './cohorts';
export * from './trends';
export * from './trends-split';
export * from './trends-movers';
export * from './trends-parts';
