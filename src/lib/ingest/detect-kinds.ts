// Recognises the related dataset kinds of DOMAIN §7 from their headers (Chinese and English): a
// customer master, survey responses, complaints, receivables; and guesses their columns' roles.
import { normalizeHeader } from './detect-roles';
import type { RelatedKind } from './kind-tables';
import { ROLES_BY_KIND, type ColumnGuess, type DatasetKind, type Role } from './types';

// Normalized header (see normalizeHeader) → role, per kind. `dimension`: a known attribute.
const EXACT_WORDS: Record<RelatedKind, string> = {
  customers: `
customer_name: 客户名称 名称 公司名称 企业名称 客户名 name companyname company customername accountname
owner: 负责人 所属销售 销售代表 销售 业务员 客户经理 归属销售 跟进人 销售负责人 owner salesrep salesperson accountmanager accountowner rep salesowner
created_date: 建档日期 创建日期 创建时间 建档时间 注册日期 注册时间 开户日期 录入日期 建立日期 created createddate createdat creationdate createdon signupdate registrationdate registered customersince opened
status: 状态 客户状态 合作状态 status customerstatus accountstatus
birthday: 生日 出生日期 birthday birthdate dateofbirth dob
credit_limit: 信用额度 授信额度 信用额 creditlimit credit
dimension: 行业 区域 地区 省份 城市 客户规模 规模 公司规模 会员等级 等级 客户等级 联系人 电话 手机 手机号 联系电话 邮箱 电子邮箱 地址 团队 industry region province city country size companysize tier memberlevel level grade contact contactname phone mobile tel email address team`,
  feedback: `
date: 调查日期 回复日期 回访日期 填写日期 提交日期 评价日期 反馈日期 日期 surveydate responsedate responded date submitted submitdate submittedat answered
satisfaction: 满意度 满意度评分 评分 打分 满意程度 csat csatscore satisfaction satisfactionscore rating score
nps: nps npsscore 推荐意愿 推荐值 净推荐值 推荐度 推荐可能性 likelihoodtorecommend recommend
comment: 评价 意见 留言 评论 反馈 建议 备注 反馈内容 评价内容 comment comments feedback remark remarks verbatim
dimension: 渠道 调查渠道 来源 channel source`,
  complaints: `
opened_date: 投诉日期 投诉时间 受理日期 登记日期 反馈日期 日期 opened openeddate opendate complaintdate date reporteddate received
complaint_type: 投诉类型 投诉类别 问题类型 问题类别 类型 类别 complainttype type category issuetype
status: 处理状态 状态 投诉状态 status
resolved_date: 解决日期 解决时间 结案日期 关闭日期 完成日期 处理完成日期 resolved resolveddate resolvedon closed closeddate closedate resolutiondate
owner: 处理人 负责人 受理人 跟进人 经办人 handler owner assignee assignedto handledby
comment: 投诉内容 内容 描述 问题描述 详情 备注 comment comments description details content
dimension: 渠道 来源 channel source`,
  receivables: `
invoice_no: 发票号 发票号码 发票编号 单据号 invoice invoiceno invoicenumber invoiceid
invoice_date: 开票日期 发票日期 invoicedate issuedate billingdate issued
due_date: 到期日 到期日期 应收日期 付款期限 账期到期日 duedate due paymentdue
amount: 应收金额 发票金额 应收款 金额 amountdue amount invoiceamount receivable total
paid_date: 付款日期 回款日期 收款日期 paiddate paymentdate datepaid paidon
paid_amount: 已付金额 已收金额 回款金额 实收金额 已回款 paidamount amountpaid paid received`
};

// Tried in order when no exact word matches; the first hit wins.
const PARTIAL: Record<RelatedKind, [RegExp, Role][]> = {
  customers: [
    [/建档|创建|注册|开户|created|signup|registr|since/, 'created_date'],
    [/生日|出生|birth/, 'birthday'],
    [/信用|授信|credit/, 'credit_limit'],
    [/状态|status/, 'status'],
    [/负责人|销售|业务员|经理|owner|rep$|salesperson|manager/, 'owner'],
    [
      /行业|区域|地区|省|城市|规模|等级|联系|电话|手机|邮箱|地址|industry|region|city|size|tier|level|contact|phone|mobile|email|address/,
      'dimension'
    ]
  ],
  feedback: [
    [/满意|csat|satisf|评分|rating/, 'satisfaction'],
    [/nps|推荐|recommend/, 'nps'],
    [/日期|时间|date|time/, 'date'],
    [/评价|意见|留言|评论|反馈|建议|comment|feedback|remark|verbatim/, 'comment']
  ],
  complaints: [
    [/解决|结案|关闭|完成|resolv|closed|closing/, 'resolved_date'],
    [/类型|类别|type|category/, 'complaint_type'],
    [/状态|status/, 'status'],
    [/处理人|负责人|受理人|经办|handler|owner|assign/, 'owner'],
    [/日期|时间|date|opened/, 'opened_date'],
    [/内容|描述|详情|备注|content|descr|detail|comment/, 'comment']
  ],
  receivables: [
    [/到期|due/, 'due_date'],
    [/已付|已收|回款|实收|paidamount|amountpaid/, 'paid_amount'],
    [/付款|收款|paid|payment/, 'paid_date'],
    [/开票|invoicedate|issue/, 'invoice_date'],
    [/发票|invoice/, 'invoice_no'],
    [/应收|金额|amount/, 'amount']
  ]
};

const EXACT: Record<RelatedKind, Map<string, Role>> = Object.fromEntries(
  Object.entries(EXACT_WORDS).map(([kind, text]) => [
    kind,
    new Map(
      text
        .trim()
        .split('\n')
        .flatMap((line) => {
          const [role, words] = line.split(': ');
          return words.split(' ').map((w): [string, Role] => [w, role as Role]);
        })
    )
  ])
) as Record<RelatedKind, Map<string, Role>>;

/** What a header says about its column's role in a dataset of `kind`, if anything. */
function headerHint(kind: RelatedKind, header: string) {
  const h = normalizeHeader(header);
  const exact = EXACT[kind].get(h);
  if (exact) return { role: exact, strength: 'exact' as const };
  const hit = PARTIAL[kind].find(([re]) => re.test(h));
  return hit ? { role: hit[1], strength: 'partial' as const } : undefined;
}

const DATE_ROLES = new Set<Role>([
  'date',
  'created_date',
  'birthday',
  'opened_date',
  'resolved_date',
  'due_date',
  'invoice_date',
  'paid_date',
  'last_purchase_date',
  'first_purchase_date'
]);
const NUMBER_ROLES = new Set<Role>([
  'satisfaction',
  'nps',
  'credit_limit',
  'amount',
  'paid_amount',
  'frequency',
  'monetary',
  'recency_days'
]);

/** Whether a column's values can hold a role (scores and amounts are checked row by row at import). */
function fits(role: Role, g: ColumnGuess): boolean {
  if (g.type === 'empty') return true;
  if (DATE_ROLES.has(role)) return g.type === 'date';
  if (NUMBER_ROLES.has(role)) return g.type === 'integer' || g.type === 'number';
  // An owner is a name: a column of numbers or dates under a 销售… header is something else.
  if (role === 'owner') return g.type === 'text';
  return g.type !== 'date' || role === 'customer_id';
}

/**
 * Under a header that names the role exactly, a column whose values are mostly unreadable still
 * takes it: its bad rows are rejected one by one at import and named in the report.
 */
function fitsLoosely(role: Role, g: ColumnGuess): boolean {
  return g.type === 'text' || (NUMBER_ROLES.has(role) && g.type !== 'date');
}

const SCORE = { exact: 100, partial: 60 } as const;
/** Roles the orders detector found, kept in a related kind that has them (ids, names, summaries). */
const BASE_SCORE = { high: 90, medium: 55, low: 20 } as const;

/**
 * The columns of a dataset of a related `kind`: `base` are the guesses of the orders detector
 * (value types, date orders, decimal marks and the customer id are kept). Each role goes to at
 * most one column (best score, then leftmost); columns left over keep 'dimension' when the orders
 * detector saw a breakdown there (region, phone, email …) and are not imported otherwise.
 */
export function detectRelatedColumns(
  kind: RelatedKind,
  base: readonly ColumnGuess[]
): ColumnGuess[] {
  const allowed = new Set(ROLES_BY_KIND[kind]);
  const candidates: { column: number; role: Role; score: number; sure: boolean }[] = [];
  const dimension = new Set<number>();
  for (const g of base) {
    const hint = headerHint(kind, g.header);
    if (hint?.role === 'dimension') dimension.add(g.index);
    else if (
      hint &&
      (fits(hint.role, g) || (hint.strength === 'exact' && fitsLoosely(hint.role, g)))
    ) {
      candidates.push({
        column: g.index,
        role: hint.role,
        score: SCORE[hint.strength],
        sure: hint.strength === 'exact'
      });
    }
    if (g.role === 'dimension') dimension.add(g.index);
    else if (allowed.has(g.role) && g.role !== 'ignore' && g.role !== 'date') {
      candidates.push({
        column: g.index,
        role: g.role,
        score: BASE_SCORE[g.confidence],
        sure: g.confidence === 'high'
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const out = base.map((g): ColumnGuess => ({
    ...g,
    role: dimension.has(g.index) ? 'dimension' : 'ignore',
    confidence: 'medium'
  }));
  const taken = new Set<Role>();
  const done = new Set<number>();
  for (const c of candidates) {
    if (done.has(c.column) || taken.has(c.role)) continue;
    out[c.column].role = c.role;
    out[c.column].confidence = c.sure ? 'high' : 'medium';
    taken.add(c.role);
    done.add(c.column);
  }
  return out;
}

/** Roles that say a file is of a related kind; a count of them decides (see {@link detectFileKind}). */
const SIGNS: Record<RelatedKind, Role[]> = {
  customers: ['owner', 'created_date', 'status', 'birthday', 'credit_limit'],
  feedback: ['satisfaction', 'nps'],
  complaints: ['complaint_type', 'resolved_date'],
  receivables: ['due_date', 'invoice_no', 'paid_date', 'paid_amount']
};
const COMPLAINT_WORD = /投诉|complain/;
const ORDER_MONEY: Role[] = ['amount', 'quantity', 'unit_price'];

/**
 * Which kind a file is, from the orders detector's guesses (`base`, `baseKind`) and the related
 * detectors' (`related`). Complaints: an opened date with a complaint type or resolved date and
 * another complaint column, or a header that says 投诉/complaint. Receivables: a due date with
 * another receivable column. Then a per-customer summary stays one. Survey responses: a CSAT or NPS
 * column and a date, and no order amount (orders may carry scores). Orders: an order date and an
 * amount (or quantity and price). Else a file with a customer id is a customer master when it has
 * a master column (owner, created date, status, birthday, credit limit) or no date at all.
 */
export function detectFileKind(
  base: readonly ColumnGuess[],
  related: Record<RelatedKind, readonly ColumnGuess[]>,
  baseKind: DatasetKind
): DatasetKind {
  if (baseKind === 'targets') return baseKind;
  const count = (kind: RelatedKind) =>
    related[kind].filter((g) => SIGNS[kind].includes(g.role)).length;
  const has = (guesses: readonly ColumnGuess[], role: Role) => guesses.some((g) => g.role === role);
  // A values-only amount guess (a column of decimals without a known header) is no order amount.
  const hasOrderMoney = base.some((g) => ORDER_MONEY.includes(g.role) && g.confidence !== 'low');
  const isOrders = baseKind === 'transactions' && has(base, 'date') && hasOrderMoney;
  const complaintWord = base.some((g) => COMPLAINT_WORD.test(normalizeHeader(g.header)));
  if (
    has(related.complaints, 'opened_date') &&
    (count('complaints') >= 2 || (complaintWord && !isOrders))
  )
    return 'complaints';
  if (has(related.receivables, 'due_date') && count('receivables') >= 2) return 'receivables';
  if (baseKind === 'customers') return baseKind;
  if (count('feedback') >= 1 && has(related.feedback, 'date') && !hasOrderMoney) return 'feedback';
  if (isOrders) return baseKind;
  const isMaster =
    has(related.customers, 'customer_id') && (count('customers') >= 1 || !has(base, 'date'));
  return isMaster ? 'customers' : baseKind;
}

/** True when every required role of a related kind was guessed from an exact header word. */
export function isRelatedConfident(
  kind: RelatedKind,
  guesses: readonly ColumnGuess[],
  required: readonly Role[]
): boolean {
  const sure = (role: Role) =>
    guesses.some(
      (g) =>
        g.role === role && g.confidence === 'high' && !g.dateOrderAmbiguous && !g.dateOrderConflict
    );
  return required.every(sure) && (kind !== 'feedback' || sure('satisfaction') || sure('nps'));
}
