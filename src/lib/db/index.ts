// Public face of the database layer for the page.
export { DbClient, WorkerError } from './client';
export type * from './protocol';
export { ConsoleClient } from './console-client';
export type * from './console-protocol';
