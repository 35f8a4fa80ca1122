// Public surface of the Satisfaction analysis (DOMAIN §7, §7b).
export * from './stats';
export * from './satisfaction';
export * from './comment-words';
export * from './responses-sql';
