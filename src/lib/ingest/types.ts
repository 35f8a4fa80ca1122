// Shared vocabulary of the import pipeline: roles, value types, parse settings and problems.

/** Column roles (DOMAIN §1). Transaction roles first, then customer-level roles. */
export const TRANSACTION_ROLES = [
  'customer_id',
  'customer_name',
  'date',
  'amount',
  'quantity',
  'unit_price',
  'order_id',
  'profit',
  'satisfaction',
  'nps'
] as const;
export const CUSTOMER_ROLES = [
  'customer_id',
  'customer_name',
  'last_purchase_date',
  'first_purchase_date',
  'recency_days',
  'frequency',
  'monetary',
  'satisfaction',
  'nps'
] as const;

export type Role =
  | (typeof TRANSACTION_ROLES)[number]
  | (typeof CUSTOMER_ROLES)[number]
  /** A categorical attribute kept for breakdowns (region, industry, rep, …). */
  | 'dimension'
  /** Not imported. */
  | 'ignore';

/** Every role, in the order the mapping step lists them. */
export const ALL_ROLES: readonly Role[] = [
  ...new Set<Role>([...TRANSACTION_ROLES, ...CUSTOMER_ROLES, 'dimension', 'ignore'])
];

/** Roles that hold one value per row and may be mapped to at most one column. */
export const SINGLE_ROLES: readonly Role[] = ALL_ROLES.filter(
  (r) => r !== 'dimension' && r !== 'ignore'
);

export type DatasetKind = 'transactions' | 'customers' | 'targets';

/** The kind of values a column holds, as detected from a sample. */
export type ValueType = 'text' | 'integer' | 'number' | 'date' | 'empty';

/**
 * Field order of numeric dates whose year comes last (`05/01/2024`).
 * `ymd` dates (`2024-01-05`, `2024/1/5`, `20240105`, `2024年1月5日`) need no choice.
 */
export type DateOrder = 'dmy' | 'mdy';

/** How a column writes numbers: `1,234.56` (`.`) or `1.234,56` (`,`). */
export type DecimalMark = '.' | ',';

/** Per-column detection result shown (and editable) in the mapping step. */
export interface ColumnGuess {
  /** Position in the source row. */
  index: number;
  /** Header text as in the file (trimmed); `Column 3`-style name supplied by caller when blank. */
  header: string;
  role: Role;
  type: ValueType;
  /** How sure the detector is about `role`: 'high' lets the user skip the mapping step. */
  confidence: 'high' | 'medium' | 'low';
  /** For date columns with year last: the order, or undefined when the sample cannot settle it. */
  dateOrder?: DateOrder;
  /** True when the column has slash/dot dates with year last and no value settles the order. */
  dateOrderAmbiguous?: boolean;
  /** True when some values need day-first and others month-first (no order reads them all). */
  dateOrderConflict?: boolean;
  /** For number columns. */
  decimalMark?: DecimalMark;
  /** For xlsx: the column holds Excel serial day numbers (number cells formatted as dates). */
  excelSerial?: boolean;
}

/** What the user confirmed in the mapping step; it drives the full import. */
export interface ColumnMapping {
  kind: DatasetKind;
  columns: {
    index: number;
    header: string;
    role: Role;
    type: ValueType;
    dateOrder?: DateOrder;
    /** Year-last dates the sample could not settle: the user must pick `dateOrder`. */
    needsDateOrder?: boolean;
    decimalMark?: DecimalMark;
    excelSerial?: boolean;
  }[];
  /** Excel 1904 date system (xlsx only). */
  date1904?: boolean;
}

/** Why a row was rejected. Messages live in i18n under `reject.<code>`. */
export type RejectReason =
  | 'missing_customer_id'
  | 'missing_date'
  | 'bad_date'
  | 'date_order_conflict'
  | 'missing_amount'
  | 'bad_amount'
  | 'bad_quantity'
  | 'bad_unit_price'
  | 'bad_number'
  | 'missing_frequency'
  | 'missing_monetary'
  | 'missing_recency'
  | 'subtotal_row'
  | 'wrong_field_count'
  /**
   * A required value, or a number or date, holds bytes that are not in the file's encoding (a row
   * pasted from a file in another encoding): it cannot be read.
   */
  | 'bad_encoding'
  /** A quote opened and never closed: the rest of the file ran into this row. */
  | 'unterminated_quote';

/**
 * Why an imported row deserves a look. Messages live in i18n under `warning.<code>`.
 * `unreadable_text`: a text cell (name, order ID, dimension) did not decode in the file's encoding
 * (a row pasted from a GBK export into a UTF-8 file); it keeps its U+FFFD marks and the row counts.
 */
export const IMPORT_WARNINGS = ['unreadable_text'] as const;
/** One of {@link IMPORT_WARNINGS}. */
export type ImportWarning = (typeof IMPORT_WARNINGS)[number];

/** Problems with a mapping that block the import. Messages under `mapping.problem.<code>`. */
export type MappingProblem =
  | { code: 'missing_role'; role: Role }
  | { code: 'duplicate_role'; role: Role; columns: number[] }
  | { code: 'need_amount_or_quantity_price' }
  | { code: 'need_last_purchase_or_recency' }
  | { code: 'date_order_needed'; column: number };
