// The database worker's client as a context, for state classes a view creates for itself (the SQL
// console). Views never import this: they read state (ESLint forbids it outside state/).
import { stateContext } from './context';
import type { DbClient } from '$lib/db';

export const [getDbClient, setDbClient] = stateContext<DbClient>('dbClient');
