// The database worker's client as a context, for state classes a view creates for itself (the SQL
// console). Views never import this: they read state (ESLint forbids it outside state/).
import { getContext, setContext } from 'svelte';
import type { DbClient } from '$lib/db';

const KEY = Symbol('db');
export function setDbClient(db: DbClient): DbClient {
  return setContext(KEY, db);
}
export function getDbClient(): DbClient {
  const db = getContext<DbClient | undefined>(KEY);
  if (!db) throw new Error('getDbClient() called outside the app layout');
  return db;
}
