// Public face of the database layer for the page: the clients of both workers, their protocols.
export { createDbClient, type DbClient } from './client';
export { WorkerError, toErrorData, ERROR_CODES } from './errors';
export type * from './protocol';
export { ConsoleClient } from './console-client';
export type * from './console-protocol';
