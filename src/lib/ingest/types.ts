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

/** Roles of a targets sheet (DOMAIN §7 and §7a): the key is a dimension value (rep, team, region …). */
export const TARGET_ROLES = [
  'target_key',
  'period',
  'revenue_target',
  'new_customer_target',
  'parent',
  'market_size'
] as const;

/**
 * Roles of a customer master (DOMAIN §7) beyond the customer-table roles: the owner (sales rep),
 * when the customer was created, status, birthday and credit limit. Team, region, industry, size,
 * member level and contact columns are dimensions. Only `customer_id` is required; a customer
 * table that also carries frequency, monetary and a last purchase (or recency) can be analysed by
 * itself (DOMAIN §1), and its rows with no purchase at all are prospects, not rejects.
 */
export const MASTER_ROLES = [
  'owner',
  'created_date',
  'status',
  'birthday',
  'credit_limit'
] as const;

/** Roles of survey responses (DOMAIN §7): `date` is the response date. */
export const FEEDBACK_ROLES = ['customer_id', 'date', 'satisfaction', 'nps', 'comment'] as const;

/** Roles of a complaints list (DOMAIN §7, §7b). */
export const COMPLAINT_ROLES = [
  'customer_id',
  'opened_date',
  'complaint_type',
  'status',
  'resolved_date',
  'owner',
  'comment'
] as const;

/** Roles of a receivables list (DOMAIN §7, §7c). */
export const RECEIVABLE_ROLES = [
  'customer_id',
  'due_date',
  'amount',
  'invoice_no',
  'invoice_date',
  'paid_date',
  'paid_amount'
] as const;

/** A targets sheet holds at least one of these besides its key and period. */
export const TARGET_VALUE_ROLES = ['revenue_target', 'new_customer_target', 'market_size'] as const;

export type Role =
  | (typeof TRANSACTION_ROLES)[number]
  | (typeof CUSTOMER_ROLES)[number]
  | (typeof TARGET_ROLES)[number]
  | (typeof MASTER_ROLES)[number]
  | (typeof FEEDBACK_ROLES)[number]
  | (typeof COMPLAINT_ROLES)[number]
  | (typeof RECEIVABLE_ROLES)[number]
  /** A categorical attribute kept for breakdowns (region, industry, rep, …). */
  | 'dimension'
  /** Not imported. */
  | 'ignore';

/** Every role, in the order the mapping step lists them. */
export const ALL_ROLES: readonly Role[] = [
  ...new Set<Role>([
    ...TRANSACTION_ROLES,
    ...CUSTOMER_ROLES,
    ...TARGET_ROLES,
    ...MASTER_ROLES,
    ...FEEDBACK_ROLES,
    ...COMPLAINT_ROLES,
    ...RECEIVABLE_ROLES,
    'dimension',
    'ignore'
  ])
];

/** Roles that hold one value per row and may be mapped to at most one column. */
export const SINGLE_ROLES: readonly Role[] = ALL_ROLES.filter(
  (r) => r !== 'dimension' && r !== 'ignore'
);

/**
 * What a dataset holds (DOMAIN §7): orders (`transactions`), a customer table (a master, or a
 * per-customer summary), targets per key and period, survey responses, complaints, receivables.
 * Orders and customer summaries are analysed themselves; the other kinds (and a master without
 * purchase columns) join them by customer_id — targets by the dimension value.
 */
export type DatasetKind =
  'transactions' | 'customers' | 'targets' | 'feedback' | 'complaints' | 'receivables';

/** Every kind, in the order the mapping step offers them. */
export const DATASET_KINDS: readonly DatasetKind[] = [
  'transactions',
  'customers',
  'targets',
  'feedback',
  'complaints',
  'receivables'
];

/** The roles a column may take in a dataset of each kind, in the order the mapping step lists them. */
export const ROLES_BY_KIND: Record<DatasetKind, readonly Role[]> = {
  transactions: [...TRANSACTION_ROLES, 'dimension', 'ignore'],
  customers: [...CUSTOMER_ROLES, ...MASTER_ROLES, 'dimension', 'ignore'],
  // A targets table keeps exactly its roles; other columns stay in the raw sheet.
  targets: [...TARGET_ROLES, 'ignore'],
  feedback: [...FEEDBACK_ROLES, 'dimension', 'ignore'],
  complaints: [...COMPLAINT_ROLES, 'dimension', 'ignore'],
  receivables: [...RECEIVABLE_ROLES, 'dimension', 'ignore']
};

/**
 * True when a customer table's mapped roles make it the per-customer summary of DOMAIN §1:
 * frequency, monetary and a last purchase date or recency. A master without them only joins orders.
 */
export function isCustomerSummary(mappedRoles: readonly string[]): boolean {
  const has = (role: Role) => mappedRoles.includes(role);
  return has('frequency') && has('monetary') && (has('last_purchase_date') || has('recency_days'));
}

/**
 * True for the datasets the views analyse: orders, and a customer table that is a per-customer
 * summary (see {@link isCustomerSummary}; `mappedRoles` are the roles its file mapped). Targets,
 * survey responses, complaints, receivables and a master without purchase columns only join them.
 */
export function isAnalysedKind(kind: DatasetKind, mappedRoles: readonly string[]): boolean {
  if (kind === 'transactions') return true;
  return kind === 'customers' && isCustomerSummary(mappedRoles);
}

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
  | 'unterminated_quote'
  /** Targets: the period is in none of the DOMAIN §7a formats (`2025-13`, `Q5`, text). */
  | 'unknown_period'
  /** Targets: the key (rep, team, region …) is empty. */
  | 'missing_key'
  /** Targets: a revenue target, new-customer target or market size is not a number. */
  | 'bad_target'
  /** Targets: an earlier row has the same key and period (the first one is kept). */
  | 'duplicate_key_period'
  /** Survey responses: a CSAT outside 1–5 or an NPS outside 0–10, or not a number. */
  | 'bad_score'
  /** Complaints: the resolved date is before the opened date. */
  | 'resolved_before_opened'
  /** Customer table: an earlier row has the same customer id (the first one is kept). */
  | 'duplicate_customer_id';

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
  /** Targets: no column holds a revenue target, new-customer target or market size. */
  | { code: 'need_target_value' }
  | { code: 'date_order_needed'; column: number };
