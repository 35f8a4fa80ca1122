// Every error a worker can report, as a typed code with parameters; the page translates it under
// `error.<code>` (a unit test checks both languages have every code).
import { INGEST_ERROR_CODES } from '$lib/ingest/errors';
import { CLV_ERROR_CODES } from '$lib/analysis/clv/errors';

/** Errors of the database worker outside reading a file. */
const WORKER_ERROR_CODES = [
  'internal',
  'cancelled',
  'out_of_memory',
  'worker_crashed',
  'worker_stopped',
  'worker_recovered',
  'no_dataset',
  'no_file',
  'file_changed',
  'filter_unknown_column',
  'workspace_elsewhere',
  'workspace_gone',
  'sample_missing',
  'sqlite_unreadable',
  'rfm_bad_settings',
  'rfm_invalid_cuts',
  'time_needs_transactions',
  'migration_needs_transactions',
  'migration_bad_dates',
  'clv_needs_transactions',
  'team_needs_transactions',
  'targets_needs_transactions',
  'targets_not_targets',
  'related_wrong_kind'
] as const;

/** Errors of the SQL console's worker. */
const CONSOLE_ERROR_CODES = [
  'sql_cancelled',
  'sql_crashed',
  'sql_empty',
  'sql_error',
  'sql_error_at',
  'sql_not_ready',
  'sql_out_of_memory',
  'sql_read_only'
] as const;

/** Every error code, for the translation test. */
export const ERROR_CODES = [
  ...WORKER_ERROR_CODES,
  ...CONSOLE_ERROR_CODES,
  ...INGEST_ERROR_CODES,
  ...CLV_ERROR_CODES.map((c) => `clv_${c}` as const)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A translated-at-the-edge error: `code` names the message, `params` fill it in. */
export interface AppErrorData {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** An error the worker throws on purpose; it reaches the page as its {@link AppErrorData}. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>
  ) {
    super(code);
    this.name = 'AppError';
  }

  get data(): AppErrorData {
    return this.params ? { code: this.code, params: this.params } : { code: this.code };
  }
}

/** The page's side of a failed request: the worker's error, carried through the promise. */
export class WorkerError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.code);
    this.name = 'WorkerError';
  }
}

/** Any caught value as error data the page can show. */
export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof WorkerError) return err.data;
  if (err instanceof AppError) return err.data;
  return {
    code: 'internal',
    params: { message: err instanceof Error ? err.message : String(err) }
  };
}
