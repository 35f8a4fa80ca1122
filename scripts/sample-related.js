// The sample's related files (DOMAIN §7), drawn from its orders: a customer master with ~300
// prospects who never bought, survey responses with Chinese comments, and complaints. Deterministic
// for a seed; customers who are lapsing answer surveys worse and complain more.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng, normal, pick, pickWeighted } from './sample-random.js';

/** The as-of date the sample is read at: the day after its last order. */
export const SAMPLE_AS_OF = '2026-01-01';
export const MASTER_HEADER = [
  '客户编号',
  '客户名称',
  '负责人',
  '行业',
  '省份',
  '客户规模',
  '建档日期',
  '状态',
  '生日',
  '信用额度',
  '联系人',
  '电话'
];
export const FEEDBACK_HEADER = ['客户编号', '调查日期', '满意度', 'NPS', '评价'];
export const COMPLAINTS_HEADER = [
  '客户编号',
  '投诉日期',
  '投诉类型',
  '处理状态',
  '解决日期',
  '处理人',
  '投诉内容'
];
/** Prospects: in the master, created in 2025, never bought. */
export const PROSPECTS = 300;

const DAY_MS = 86_400_000;
const AS_OF_DAY = toDay(SAMPLE_AS_OF);

function toDay(iso) {
  return Date.parse(iso) / DAY_MS;
}
function toIso(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲斌宇浩凯鹏晨悦婷雪琳欣怡';
const SERVICE_TEAM = ['刘敏', '陈晨', '王磊', '赵雪', '孙悦'];
const CREDIT_BY_SIZE = { 小型: 50_000, 中型: 200_000, 大型: 1_000_000 };
const PROSPECT_WORDS = ['科技', '贸易', '实业', '信息技术', '智能制造', '供应链', '电子'];
const PROSPECT_BRAND = '嘉禾远峰景川瀚宸铭泽正元兆丰和信盈创华腾锦程泓润';

/** Comment phrases: frequent words emerge from them (DOMAIN §7b, the Satisfaction view's words). */
const PRAISE = ['交货及时', '服务态度好', '质量稳定', '响应速度快', '技术支持专业', '性价比高'];
const CRITICISM = ['价格偏高', '售后响应慢', '交货延迟', '发票开具慢', '沟通不及时', '质量不稳定'];
const OPENERS_GOOD = ['整体满意', '合作愉快', '', ''];
const OPENERS_BAD = ['希望改进', '不太满意', '', ''];

/** [type, weight, contents]. */
const COMPLAINT_TYPES = [
  ['产品质量', 5, ['设备到货后无法开机', '部分配件有划痕', '批次质量不稳定', '软件频繁报错']],
  ['交付延迟', 4, ['比约定交期晚了一周', '物流信息长时间未更新', '分批发货缺件']],
  ['售后响应', 4, ['报修后三天无人联系', '工单一直未处理', '电话无人接听']],
  ['发票问题', 2, ['发票抬头开错', '发票迟迟未开', '税率与合同不符']],
  ['服务态度', 2, ['客服态度冷淡', '销售承诺未兑现']],
  ['价格争议', 2, ['续费价格上涨过快', '与报价单金额不一致']]
];

/**
 * Collects what the related files are drawn from: each customer's name, dimensions, positive
 * order days and reps, in the order customers first appear.
 */
export function createRelatedCollector() {
  const customers = new Map();
  return {
    /** @param {import('./generate-sample.js').SampleRow} r */
    add(r) {
      let c = customers.get(r.customerId);
      if (!c) {
        c = {
          id: r.customerId,
          name: r.customerName,
          industry: r.industry,
          province: r.province,
          size: r.size,
          rep: r.salesRep,
          days: []
        };
        customers.set(r.customerId, c);
      }
      if (r.amountCents > 0) c.days.push(toDay(r.date));
      c.rep = r.salesRep; // the rep on the latest order owns the account
    },
    result() {
      return [...customers.values()];
    }
  };
}

const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const toCsv = (header, rows) =>
  `\uFEFF${header.join(',')}\n${rows.map((r) => r.map((v) => csvField(String(v))).join(',')).join('\n')}\n`;

function personName(rng) {
  return pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng() < 0.6 ? pick(rng, GIVEN) : '');
}
function phone(rng) {
  const prefix = pick(rng, ['138', '139', '136', '150', '158', '186', '189', '177']);
  return prefix + String(Math.floor(rng() * 1e8)).padStart(8, '0');
}
function birthday(rng) {
  return rng() < 0.6 ? toIso(toDay('1965-01-01') + Math.floor(rng() * 30 * 365)) : '';
}

/**
 * @typedef {{ id: string, name: string, owner: string, industry: string, province: string,
 *   size: string, created: string, status: string, birthday: string, creditLimit: number | '',
 *   contact: string, phone: string, isProspect: boolean }} MasterRow
 * @typedef {{ customerId: string, date: string, csat: number, nps: number, comment: string }} FeedbackRow
 * @typedef {{ customerId: string, opened: string, type: string, status: string, resolved: string,
 *   handler: string, content: string }} ComplaintRow
 */

/** The master: every customer of the orders, then the prospects. */
function createMaster(rng, customers) {
  const lastId = Math.max(...customers.map((c) => Number(c.id.slice(1))));
  const names = new Set(customers.map((c) => c.name));
  /** @type {MasterRow[]} */
  const rows = customers.map((c) => {
    const first = c.days.length ? Math.min(...c.days) : AS_OF_DAY;
    const last = c.days.length ? Math.max(...c.days) : 0;
    // Accounts from before the data start were created years earlier; new ones shortly before
    // their first order, some after a long sales cycle, a few entered days after it.
    const u = rng();
    const created =
      first < toDay('2023-02-15') && u < 0.85
        ? toDay('2016-01-01') + Math.floor(rng() * (toDay('2022-12-31') - toDay('2016-01-01')))
        : u < 0.75
          ? first - Math.floor(-Math.log(1 - rng()) * 20)
          : u < 0.95
            ? first - 60 - Math.floor(rng() * 240)
            : first + 1 + Math.floor(rng() * 5);
    return {
      id: c.id,
      name: c.name,
      owner: c.rep,
      industry: c.industry,
      province: c.province,
      size: c.size,
      created: toIso(created),
      status: AS_OF_DAY - last > 365 ? '休眠' : '合作中',
      birthday: birthday(rng),
      creditLimit: CREDIT_BY_SIZE[c.size] * (rng() < 0.2 ? 2 : 1),
      contact: personName(rng),
      phone: phone(rng),
      isProspect: false
    };
  });
  for (let i = 0; i < PROSPECTS; i++) {
    const like = pick(rng, customers); // prospects resemble the customers in the same markets
    let name;
    do {
      const brand = pick(rng, PROSPECT_BRAND) + pick(rng, PROSPECT_BRAND);
      name = `${like.province}${brand}${pick(rng, PROSPECT_WORDS)}有限公司`;
    } while (names.has(name));
    names.add(name);
    rows.push({
      id: `C${String(lastId + 1 + i).padStart(6, '0')}`,
      name,
      owner: like.rep,
      industry: like.industry,
      province: like.province,
      size: pick(rng, ['小型', '小型', '中型']),
      created: toIso(toDay('2025-01-01') + Math.floor(rng() * 365)),
      status: rng() < 0.7 ? '跟进中' : '潜在',
      birthday: birthday(rng),
      creditLimit: '',
      contact: personName(rng),
      phone: phone(rng),
      isProspect: true
    });
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * True when a customer is lapsing at `day`: no order for 150 days before it, or none in the 180
 * days after it (where the data reach that far).
 */
function isLapsing(days, day) {
  const before = days.filter((d) => d <= day);
  if (before.length && day - Math.max(...before) > 150) return true;
  return day + 180 < AS_OF_DAY && !days.some((d) => d > day && d <= day + 180);
}

/** Complaints: about 1 % of orders, three times as often before a customer stops buying. */
function createComplaints(rng, customers) {
  /** @type {ComplaintRow[]} */
  const rows = [];
  const typeWeights = COMPLAINT_TYPES.map((t) => t[1]);
  for (const c of customers) {
    for (const day of c.days) {
      const fading = day + 180 < AS_OF_DAY && !c.days.some((d) => d > day + 180);
      if (rng() >= (fading ? 0.03 : 0.009)) continue;
      const opened = day + 3 + Math.floor(rng() * 28);
      if (opened >= AS_OF_DAY) continue;
      const [type, , contents] = COMPLAINT_TYPES[pickWeighted(rng, typeWeights)];
      // Most are settled within days; a few get stuck and stay open.
      const stuck = rng() < (opened > AS_OF_DAY - 90 ? 0.25 : 0.004);
      const resolvedDay = stuck ? Infinity : opened + Math.round(Math.exp(1.4 + 0.9 * normal(rng)));
      const isOpen = resolvedDay >= AS_OF_DAY;
      rows.push({
        customerId: c.id,
        opened: toIso(opened),
        type,
        status: isOpen ? (rng() < 0.6 ? '处理中' : '待处理') : rng() < 0.8 ? '已解决' : '已关闭',
        resolved: isOpen ? '' : toIso(resolvedDay),
        handler: rng() < 0.7 ? pick(rng, SERVICE_TEAM) : c.rep,
        content: pick(rng, contents)
      });
    }
  }
  // A CRM whose status was not updated: the resolved date says it is resolved (DOMAIN §7b).
  let stale = 0;
  for (const r of rows) {
    if (stale < 3 && r.resolved !== '' && r.opened >= '2025-06-01' && rng() < 0.05) {
      r.status = '处理中';
      stale++;
    }
  }
  return rows.sort((a, b) => (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : 0));
}

function comment(rng, csat) {
  if (rng() < 0.35) return '';
  const good = csat >= 4;
  const bad = csat <= 2;
  const main = good ? PRAISE : bad ? CRITICISM : rng() < 0.5 ? PRAISE : CRITICISM;
  const other = good ? (rng() < 0.3 ? CRITICISM : PRAISE) : bad ? CRITICISM : CRITICISM;
  const first = pick(rng, main);
  let second = rng() < 0.55 ? pick(rng, other) : '';
  if (second === first) second = '';
  const opener = pick(rng, good ? OPENERS_GOOD : bad ? OPENERS_BAD : ['一般', '还可以', '']);
  return [opener, first, second].filter((p) => p !== '').join('，');
}

/**
 * Survey responses: eight quarterly waves (2024–2025) each reach ~12 % of the customers who had
 * bought by then, half answer. Scores fall for customers who are lapsing (no order in the next 180
 * days) or complained in the 90 days before; some prospects and a few unknown ids answer too.
 */
function createFeedback(rng, customers, complaints, prospects) {
  const complained = new Map();
  for (const r of complaints) {
    const list = complained.get(r.customerId) ?? [];
    list.push(toDay(r.opened));
    complained.set(r.customerId, list);
  }
  const mood = new Map(customers.map((c) => [c.id, 0.7 * normal(rng)]));
  /** @type {FeedbackRow[]} */
  const rows = [];
  const score = (h) => ({
    csat: Math.min(5, Math.max(1, Math.round(4.2 + h + 0.5 * normal(rng)))),
    nps: Math.min(10, Math.max(0, Math.round(8.1 + 1.5 * h + 1.0 * normal(rng))))
  });
  const add = (customerId, day, h) => {
    const { csat, nps } = score(h);
    rows.push({ customerId, date: toIso(day), csat, nps, comment: comment(rng, csat) });
  };
  for (let wave = 0; wave < 8; wave++) {
    const start = toDay(
      `${2024 + Math.floor(wave / 4)}-${String(3 * (wave % 4) + 3).padStart(2, '0')}-01`
    );
    for (const c of customers) {
      if (!c.days.some((d) => d < start) || rng() >= 0.06) continue;
      const day = start + Math.floor(rng() * 28);
      const recent = (complained.get(c.id) ?? []).some((d) => d <= day && d > day - 90);
      const h = mood.get(c.id) - (isLapsing(c.days, day) ? 1.1 : 0) - (recent ? 0.8 : 0);
      add(c.id, day, h);
    }
  }
  // Respondents with no orders: prospects surveyed after a visit, and ids typed wrong.
  for (let i = 0; i < 25; i++) {
    const p = prospects[Math.floor(rng() * prospects.length)];
    const created = toDay(p.created);
    add(p.id, created + Math.floor(rng() * (AS_OF_DAY - created)), 0.3 * normal(rng));
  }
  for (let i = 0; i < 12; i++) {
    const id = `C9${String(Math.floor(rng() * 1e5)).padStart(5, '0')}`;
    add(id, toDay('2024-03-01') + Math.floor(rng() * 640), 0.5 * normal(rng));
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The related files of a sample drawn from `customers` (see {@link createRelatedCollector}).
 * @returns {{ master: MasterRow[], feedback: FeedbackRow[], complaints: ComplaintRow[] }}
 */
export function sampleRelated(customers, seed) {
  const rng = createRng(seed ^ 0x5eed1234);
  const master = createMaster(rng, customers);
  const complaints = createComplaints(rng, customers);
  const feedback = createFeedback(
    rng,
    customers,
    complaints,
    master.filter((m) => m.isProspect)
  );
  return { master, feedback, complaints };
}

export function masterToCsv(rows) {
  return toCsv(
    MASTER_HEADER,
    rows.map((r) => [
      r.id,
      r.name,
      r.owner,
      r.industry,
      r.province,
      r.size,
      r.created,
      r.status,
      r.birthday,
      r.creditLimit,
      r.contact,
      r.phone
    ])
  );
}
export function feedbackToCsv(rows) {
  return toCsv(
    FEEDBACK_HEADER,
    rows.map((r) => [r.customerId, r.date, r.csat, r.nps, r.comment])
  );
}
export function complaintsToCsv(rows) {
  return toCsv(
    COMPLAINTS_HEADER,
    rows.map((r) => [r.customerId, r.opened, r.type, r.status, r.resolved, r.handler, r.content])
  );
}

/** Writes customers.csv, feedback.csv and complaints.csv into `dir`; returns their manifest. */
export function writeRelatedFiles(dir, customers, seed) {
  const { master, feedback, complaints } = sampleRelated(customers, seed);
  const files = [
    ['customers.csv', MASTER_HEADER, masterToCsv(master), master.length],
    ['feedback.csv', FEEDBACK_HEADER, feedbackToCsv(feedback), feedback.length],
    ['complaints.csv', COMPLAINTS_HEADER, complaintsToCsv(complaints), complaints.length]
  ];
  const manifest = {};
  for (const [file, columns, csv, rows] of files) {
    writeFileSync(resolve(dir, file), csv);
    manifest[file.replace('.csv', '')] = {
      file,
      columns,
      rows,
      bytes: Buffer.byteLength(csv),
      sha256: createHash('sha256').update(csv).digest('hex')
    };
  }
  return {
    ...manifest,
    prospects: PROSPECTS,
    openComplaints: complaints.filter((c) => c.resolved === '').length
  };
}
