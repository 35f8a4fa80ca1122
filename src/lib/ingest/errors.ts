// Failures reading a file that the user can act on; each code is translated under `error.<code>`.

/** Every code an {@link IngestError} may carry. */
export const INGEST_ERROR_CODES = [
  'empty_file',
  'binary_file',
  'no_header',
  'no_data_rows',
  'too_large',
  'xlsx_corrupt',
  'xlsx_password_protected',
  'xlsx_too_large',
  'xlsx_empty_sheet',
  'xlsx_no_sheets',
  'xlsx_sheet_not_found',
  'xlsx_zip_bomb'
] as const;

export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/** A failure the user can act on: which problem (`code`) and its details (`params`). */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    readonly params: Record<string, string | number> = {}
  ) {
    super(code);
    this.name = 'IngestError';
  }
}
