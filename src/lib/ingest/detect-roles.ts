// Guesses each column's role and value type from its header and a sample of values; checks mappings.
import {
  detectDateOrder,
  detectDecimalMark,
  isExcelError,
  isMissingText,
  parseDate,
  parseNumber
} from './parse-values';
import type {
  ColumnGuess,
  ColumnMapping,
  DatasetKind,
  DateOrder,
  DecimalMark,
  MappingProblem,
  Role,
  ValueType
} from './types';
import { SINGLE_ROLES, TARGET_VALUE_ROLES } from './types';

/** At most this many rows are looked at per column. */
const MAX_SAMPLE_ROWS = 5000;
/** Share of non-missing values that must parse for a column to get a date or number type. */
const TYPE_SHARE = 0.8;

type Strength = 'exact' | 'partial' | 'generic' | 'values';
const SCORE: Record<Strength, number> = { exact: 100, partial: 60, generic: 40, values: 20 };

// Normalized header (lower case; no spaces, `_-./:` or bracketed unit) → role; 'dimension' = known breakdown.
const EXACT_WORDS = `
customer_id: 客户编号 客户id 客户代码 客户号 客户编码 客户账号 会员id 会员编号 会员号 会员卡号 用户id 顾客id 顾客编号 买家id customerid custid customerno customernumber customercode customerkey clientid clientno memberid buyerid userid accountid
customer_name: 客户名称 客户名 客户姓名 客户 公司名称 公司 企业名称 顾客 顾客姓名 会员名称 会员姓名 买家 customername customer custname client clientname company companyname accountname
date: 订单日期 下单日期 成交日期 日期 交易日期 交易时间 下单时间 订单时间 购买日期 消费日期 销售日期 付款日期 付款时间 支付时间 开票日期 invoicedate orderdate date transactiondate purchasedate saledate salesdate txndate
amount: 订单金额 成交金额 销售额 金额 实付金额 销售金额 交易金额 支付金额 付款金额 实收金额 总金额 订单总额 营业额 收入 sales amount revenue total totalamount orderamount salesamount netsales grosssales linetotal ordertotal totalprice
quantity: 数量 购买数量 销售数量 件数 qty quantity cds units unitssold
unit_price: 单价 价格 售价 unitprice price
order_id: 订单号 单号 订单编号 订单id 交易号 交易编号 流水号 发票号 invoiceno invoice invoiceid invoicenumber orderid orderno ordernumber order transactionid txnid
profit: 利润 毛利 毛利润 profit grossprofit margin
satisfaction: 满意度 满意度评分 评分 satisfaction csat rating
nps: nps 推荐值 净推荐值 npsscore 推荐意愿
last_purchase_date: 最近购买日期 最后购买日期 最近购买时间 最后购买时间 最近消费日期 最后消费日期 最近下单日期 最后下单日期 lastpurchase lastpurchasedate lastorderdate lastorder
first_purchase_date: 首次购买日期 首次购买时间 首次消费日期 首单日期 首次下单日期 firstpurchase firstpurchasedate firstorderdate firstorder
recency_days: 最近一次消费间隔 最近消费间隔 最近购买间隔 距今天数 未购天数 recency recencydays r
frequency: 购买次数 消费次数 购买频次 订单数 订单次数 下单次数 frequency ordercount orders numorders purchasecount f
monetary: 消费金额 累计金额 累计消费金额 总消费金额 累计消费 monetary monetaryvalue totalspend m
ignore: rowid 序号 行号 rownumber row no index #
dimension: 地区 省份 省 城市 区域 大区 国家 region country state city province area territory 行业 industry sector 渠道 channel source 销售 业务员 负责人 销售代表 销售员 客户经理 salesrep salesperson rep owner accountmanager 团队 team 类别 品类 category subcategory segment 客户类型 customertype 公司规模 companysize 竞争对手 competitor 产品 商品 product description`;
const EXACT = new Map<string, Role>(
  EXACT_WORDS.trim()
    .split('\n')
    .flatMap((line) => {
      const [role, words] = line.split(': ');
      return words.split(' ').map((w): [string, Role] => [w, role as Role]);
    })
);

const CUSTOMERISH = /客户|会员|顾客|买家|用户|customer|cust|client|member|buyer|user|account/;
const IDISH = /(?:id|编号|编码|代码|号|no|number|code|key)$/;
const NOT_CUSTOMER_ID =
  /product|item|sku|stock|goods|商品|产品|物料|货|postal|zip|邮编|phone|电话|手机|row|行/;
const DATE_EXCLUDED = /ship|deliver|发货|到货|签收|due|到期|生日|birth|注册|signup/;
// Tried in order when no exact word matches; the first hit wins.
const PARTIAL: [RegExp, Role][] = [
  [/recency|间隔|距今/, 'recency_days'],
  [/次数|频次|frequency|numberoforders/, 'frequency'],
  [
    /(?:最近|最后|末次|last|latest|recent).*(?:date|日期|时间|purchase|购买|消费|order)/,
    'last_purchase_date'
  ],
  [
    /(?:首次|首单|第一次|first).*(?:date|日期|时间|purchase|购买|消费|order)/,
    'first_purchase_date'
  ],
  [/date|日期|时间|timestamp/, 'date'],
  [/单价|unitprice|price|价格/, 'unit_price'],
  [/利润|profit|毛利/, 'profit'],
  [/满意|satisfaction|csat/, 'satisfaction'],
  [/nps|推荐/, 'nps'],
  [/累计|monetary|总消费/, 'monetary'],
  [/数量|qty|quantity|件数/, 'quantity'],
  [
    /地区|省|城市|区域|region|country|state|city|province|area|territory|行业|industry|渠道|channel|业务员|负责人|代表|经理|rep$|person|owner|manager|团队|team|类别|品类|category|segment|类型|type|规模|size/,
    'dimension'
  ],
  [/金额|销售额|营业额|收入|amount|revenue|sales|total|gmv/, 'amount']
];

/** Lower case, without BOM, bracketed units (`金额(元)`), spaces and `_-./:`. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s_\-./:：]+/g, '');
}

interface Hint {
  role: Role;
  strength: Strength;
}

const NAMEISH = /名|name/;
const ORDERISH = /订单|order|invoice|交易|单据/;

/** What a header says about its column's role, if anything. */
function headerHint(header: string): Hint | undefined {
  const h = normalizeHeader(header);
  const exact = EXACT.get(h);
  if (exact) return { role: exact, strength: 'exact' };
  if (DATE_EXCLUDED.test(h)) return { role: 'dimension', strength: 'partial' };
  const isId = IDISH.test(h);
  if (CUSTOMERISH.test(h) && (isId || NAMEISH.test(h))) {
    return { role: isId ? 'customer_id' : 'customer_name', strength: 'partial' };
  }
  if (isId && ORDERISH.test(h)) return { role: 'order_id', strength: 'partial' };
  const hit = PARTIAL.find(([re]) => re.test(h));
  if (hit) return { role: hit[1], strength: 'partial' };
  if (isId && !NOT_CUSTOMER_ID.test(h)) return { role: 'customer_id', strength: 'generic' };
  return undefined;
}

interface ColumnValues {
  type: ValueType;
  dateOrder?: DateOrder;
  dateOrderAmbiguous: boolean;
  dateOrderConflict: boolean;
  decimalMark?: DecimalMark;
  min: number;
  max: number;
}

/** Numeric dates with the year first or last, valid or not (`2024-02-30`, `31/04/2024`). */
const DATE_SHAPED =
  /^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?:[T\s]|$)/;

/** The value type of a column sample, with the date order and decimal mark that read it. */
function analyseValues(values: string[], excelSerial: boolean): ColumnValues {
  // Error cells (`#DIV/0!`) say nothing about the column's type; the import rejects those rows.
  const present = values.filter((v) => !isMissingText(v) && !isExcelError(v.trim()));
  const base = { dateOrderAmbiguous: false, dateOrderConflict: false, min: NaN, max: NaN };
  if (present.length === 0) return { ...base, type: 'empty' };
  const need = Math.ceil(present.length * TYPE_SHARE);
  const detection = detectDateOrder(present);
  const opts = { excelSerial };
  const order = detection.order ?? 'dmy';
  const allowedMisses = present.length - need; // stop early: text columns fail fast
  let misses = 0;
  for (let k = 0; k < present.length && misses <= allowedMisses; k++) {
    const ok = !Number.isNaN(parseDate(present[k], order, opts));
    // An impossible date (`2023-02-29`) is still a date: the column is a date column and that row
    // is rejected as a bad date, rather than the whole column being taken for text.
    if (
      !ok &&
      (detection.order || Number.isNaN(parseDate(present[k], 'mdy', opts))) &&
      !DATE_SHAPED.test(present[k])
    ) {
      misses++;
    }
  }
  if (misses <= allowedMisses) {
    const yearLast = detection.yearLastCount > 0 && !excelSerial;
    return {
      ...base,
      type: 'date',
      dateOrder: yearLast ? detection.order : undefined,
      dateOrderAmbiguous: yearLast && detection.ambiguous,
      dateOrderConflict: yearLast && detection.conflict
    };
  }
  const decimalMark = detectDecimalMark(present).mark;
  let isInteger = true;
  let min = Infinity;
  let max = -Infinity;
  misses = 0;
  for (let k = 0; k < present.length && misses <= allowedMisses; k++) {
    const n = parseNumber(present[k], decimalMark);
    if (Number.isNaN(n)) misses++;
    else {
      isInteger &&= Number.isInteger(n);
      min = Math.min(min, n);
      max = Math.max(max, n);
    }
  }
  if (misses > allowedMisses) return { ...base, type: 'text' };
  return { ...base, type: isInteger ? 'integer' : 'number', decimalMark, min, max };
}

/** Whether a column's values can hold a role. */
function fitsRole(role: Role, v: ColumnValues): boolean {
  switch (role) {
    case 'customer_id':
    case 'order_id':
      return true;
    case 'customer_name':
      return v.type === 'text' || v.type === 'integer';
    case 'date':
    case 'last_purchase_date':
    case 'first_purchase_date':
      return v.type === 'date';
    case 'frequency':
    case 'recency_days':
      return v.type === 'integer';
    case 'satisfaction':
    case 'nps':
      return (v.type === 'integer' || v.type === 'number') && v.min >= 0 && v.max <= 10;
    case 'ignore':
      return v.type === 'integer';
    default:
      return v.type === 'integer' || v.type === 'number';
  }
}

interface Candidate {
  column: number;
  role: Role;
  score: number;
  confidence: ColumnGuess['confidence'];
}

/**
 * Detects each column's role, value type, date order and decimal mark from its header (Chinese or
 * English) and the given sample rows. Each single role goes to at most one column (best score, then
 * leftmost); other columns become 'dimension', row-number columns 'ignore'. Confidence is 'high' only
 * when an exact header word and the values agree; a tie for a role makes the winner 'low'.
 */
export function detectColumns(
  headers: string[],
  rows: string[][],
  opts?: { excelSerialColumns?: Set<number> }
): ColumnGuess[] {
  const sampleSize = Math.min(rows.length, MAX_SAMPLE_ROWS);
  const candidates: Candidate[] = [];
  const guesses = headers.map((raw, i): ColumnGuess => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    const values: string[] = [];
    for (let r = 0; r < sampleSize; r++) values.push(rows[r][i] ?? '');
    const excelSerial = opts?.excelSerialColumns?.has(i) ?? false;
    const v = analyseValues(values, excelSerial);
    const hint = headerHint(header);
    const add = (role: Role, score: number, confidence: Candidate['confidence']) =>
      candidates.push({ column: i, role, score, confidence });
    if (hint && hint.role !== 'dimension') {
      if (v.type === 'empty' && hint.strength === 'exact') add(hint.role, SCORE.values, 'low');
      else if (fitsRole(hint.role, v)) {
        add(hint.role, SCORE[hint.strength], hint.strength === 'exact' ? 'high' : 'medium');
      }
    } else if (!hint && v.type === 'date') add('date', SCORE.values, 'low');
    else if (!hint && v.type === 'number') add('amount', SCORE.values / 2, 'low');
    const guess: ColumnGuess = {
      index: i,
      header,
      role: 'dimension',
      type: v.type,
      confidence: hint?.role === 'dimension' ? 'high' : 'medium'
    };
    if (v.type === 'date' && (v.dateOrder || v.dateOrderAmbiguous || v.dateOrderConflict)) {
      guess.dateOrder = v.dateOrder;
      guess.dateOrderAmbiguous = v.dateOrderAmbiguous;
      if (v.dateOrderConflict) guess.dateOrderConflict = true;
    }
    if (v.decimalMark) guess.decimalMark = v.decimalMark;
    if (excelSerial) guess.excelSerial = true;
    return guess;
  });

  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const taken = new Map<Role, Candidate>();
  const done = new Set<number>();
  for (const c of candidates) {
    if (done.has(c.column) || (c.role !== 'ignore' && taken.has(c.role))) continue;
    const tie = candidates.some(
      (o) =>
        o.role === c.role && o.score === c.score && o.column !== c.column && !done.has(o.column)
    );
    guesses[c.column].role = c.role;
    guesses[c.column].confidence = tie && c.role !== 'ignore' ? 'low' : c.confidence;
    if (c.role !== 'ignore') taken.set(c.role, c);
    done.add(c.column);
  }
  // A lone customer column (names or codes) is the customer key: the id is required, the name is not.
  const name = taken.get('customer_name');
  if (!taken.has('customer_id') && name) {
    guesses[name.column].role = 'customer_id';
    guesses[name.column].confidence = 'medium';
  }
  return guesses;
}

const CUSTOMER_LEVEL: Role[] = ['last_purchase_date', 'recency_days'];

/**
 * 'targets' when a key or period is mapped; 'customers' when frequency, monetary and last purchase
 * date or recency are mapped and no transaction date; else 'transactions'.
 */
export function detectKind(columns: readonly { role: Role }[]): DatasetKind {
  const has = (role: Role) => columns.some((c) => c.role === role);
  if (has('target_key') || has('period')) return 'targets';
  const isCustomerLevel =
    has('frequency') && has('monetary') && CUSTOMER_LEVEL.some(has) && !has('date');
  return isCustomerLevel ? 'customers' : 'transactions';
}

/** The mapping a set of guesses stands for (what the mapping step starts from). */
export function mappingFromGuesses(
  guesses: readonly ColumnGuess[],
  kind?: DatasetKind
): ColumnMapping {
  return {
    kind: kind ?? detectKind(guesses),
    columns: guesses.map((g) => ({
      index: g.index,
      header: g.header,
      role: g.role,
      type: g.type,
      dateOrder: g.dateOrder,
      decimalMark: g.decimalMark,
      excelSerial: g.excelSerial,
      needsDateOrder: g.dateOrderAmbiguous === true || g.dateOrderConflict === true
    }))
  };
}

/**
 * The mapping columns after the user gives column `index` the role `role`. A role that only one
 * column may hold (customer ID, date, amount, order ID, customer name, quantity, unit price, …:
 * every role but 'dimension' and 'ignore') is released by the column that had it, which becomes
 * 'ignore'. Not 'dimension': the released column is most often a second key (CDNOW's `masterid`
 * next to `sampleid`) or a second amount, and as a breakdown it would be thousands of one-row
 * groups or numbers read as categories; 'ignore' keeps it in the raw sheet and is what the user
 * would otherwise have to pick by hand.
 */
export function assignRole<C extends { index: number; role: Role }>(
  columns: readonly C[],
  index: number,
  role: Role
): C[] {
  const isSingle = SINGLE_ROLES.includes(role);
  return columns.map((c) => {
    if (c.index === index) return { ...c, role };
    if (isSingle && c.role === role) return { ...c, role: 'ignore' as const };
    return c;
  });
}

const DATE_ROLES: Role[] = [
  'date',
  'last_purchase_date',
  'first_purchase_date',
  'created_date',
  'birthday',
  'opened_date',
  'resolved_date',
  'due_date',
  'invoice_date',
  'paid_date'
];

/**
 * Roles a dataset of each kind cannot do without (DOMAIN §1, §7). A customer table needs only
 * the id: with frequency, monetary and a last purchase (or recency) it is also a per-customer
 * summary the views analyse (`isCustomerSummary`), else a master that joins the orders.
 */
export const REQUIRED_ROLES: Record<DatasetKind, readonly Role[]> = {
  transactions: ['customer_id', 'date'],
  customers: ['customer_id'],
  targets: ['target_key', 'period'],
  feedback: ['customer_id', 'date'],
  complaints: ['customer_id', 'opened_date'],
  receivables: ['customer_id', 'due_date', 'amount']
};

/** What blocks an import with this mapping (DOMAIN §1 required roles, duplicates, missing date order). */
export function validateMapping(mapping: ColumnMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const byRole = new Map<Role, number[]>();
  for (const c of mapping.columns) {
    if (!SINGLE_ROLES.includes(c.role)) continue;
    byRole.set(c.role, [...(byRole.get(c.role) ?? []), c.index]);
  }
  for (const [role, columns] of byRole) {
    if (columns.length > 1) problems.push({ code: 'duplicate_role', role, columns });
  }
  const has = (role: Role) => byRole.has(role);
  const required = REQUIRED_ROLES[mapping.kind];
  for (const role of required) if (!has(role)) problems.push({ code: 'missing_role', role });
  if (
    mapping.kind === 'transactions' &&
    !has('amount') &&
    !(has('quantity') && has('unit_price'))
  ) {
    problems.push({ code: 'need_amount_or_quantity_price' });
  }
  // Frequency and spend without a last purchase: a summary missing its recency (a master maps none).
  if (
    mapping.kind === 'customers' &&
    has('frequency') &&
    has('monetary') &&
    !has('last_purchase_date') &&
    !has('recency_days')
  ) {
    problems.push({ code: 'need_last_purchase_or_recency' });
  }
  if (mapping.kind === 'targets' && !TARGET_VALUE_ROLES.some(has)) {
    problems.push({ code: 'need_target_value' });
  }
  for (const c of mapping.columns) {
    if (DATE_ROLES.includes(c.role) && c.needsDateOrder && !c.dateOrder && !c.excelSerial) {
      problems.push({ code: 'date_order_needed', column: c.index });
    }
  }
  return problems;
}

/** True when every required role was found with high confidence and nothing is ambiguous: the UI may skip mapping. */
export function isConfident(guesses: readonly ColumnGuess[]): boolean {
  const mapping = mappingFromGuesses(guesses);
  if (validateMapping(mapping).length > 0) return false;
  const sure = (role: Role) =>
    guesses.some(
      (g) =>
        g.role === role && g.confidence === 'high' && !g.dateOrderAmbiguous && !g.dateOrderConflict
    );
  if (mapping.kind === 'customers') {
    return (
      (['customer_id', 'frequency', 'monetary'] as Role[]).every(sure) && CUSTOMER_LEVEL.some(sure)
    );
  }
  if (mapping.kind === 'targets') {
    return sure('target_key') && sure('period') && TARGET_VALUE_ROLES.some(sure);
  }
  const money = sure('amount') || (sure('quantity') && sure('unit_price'));
  return sure('customer_id') && sure('date') && money;
}
