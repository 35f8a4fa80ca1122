// Deterministic generator of the built-in sample: a Chinese B2B order history (one row per order)
// and the team's 2025 targets sheet, set from the sample's own revenue.
// `node scripts/generate-sample.js` writes static/sample/orders.csv, targets.csv + manifest.json;
// `--rows N --out file.csv [--customers N] [--seed S] [--manifest file.json]` streams a larger file.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng, gamma, normal, pick, pickWeighted, searchCumulative } from './sample-random.js';
import { createRelatedCollector, writeRelatedFiles } from './sample-related.js';
import { createReceivablesCollector, writeReceivablesFile } from './sample-receivables.js';

export const DEFAULT_SEED = 20250101;
export const DEFAULT_ROWS = 50_000;
export const DEFAULT_CUSTOMERS = 3_000;
export const DATE_FROM = '2023-01-01';
export const DATE_TO = '2025-12-31';
/** Column headers, in the order of the CSV columns. */
export const SAMPLE_HEADER = [
  '订单号',
  '订单日期',
  '客户编号',
  '客户名称',
  '省份',
  '城市',
  '行业',
  '渠道',
  '销售代表',
  '产品类别',
  '订单金额（元）',
  '数量',
  '客户规模',
  '利润（元）'
];

const DAY_MS = 86_400_000;
const START_MS = Date.parse(DATE_FROM);
const DAYS = (Date.parse(DATE_TO) - START_MS) / DAY_MS + 1;
const RETURN_RATE = 0.025;

// ---------------------------------------------------------------- reference tables
/** [province, weight, [city, weight]...] — weighted toward the coastal economic centres. */
const REGIONS = [
  [
    '广东',
    14,
    ['深圳', 5],
    ['广州', 5],
    ['东莞', 2],
    ['佛山', 2],
    ['珠海', 1],
    ['惠州', 1],
    ['中山', 1]
  ],
  ['江苏', 11, ['苏州', 4], ['南京', 4], ['无锡', 2], ['常州', 1], ['南通', 1], ['徐州', 1]],
  ['浙江', 10, ['杭州', 5], ['宁波', 3], ['温州', 1], ['嘉兴', 1], ['绍兴', 1], ['金华', 1]],
  ['上海', 9, ['上海', 1]],
  ['北京', 8, ['北京', 1]],
  ['山东', 7, ['青岛', 3], ['济南', 2], ['烟台', 1], ['潍坊', 1]],
  ['福建', 4, ['厦门', 2], ['福州', 2], ['泉州', 1]],
  ['四川', 4, ['成都', 5], ['绵阳', 1]],
  ['湖北', 3.5, ['武汉', 5], ['宜昌', 1], ['襄阳', 1]],
  ['天津', 3, ['天津', 1]],
  ['重庆', 3, ['重庆', 1]],
  ['河南', 3, ['郑州', 4], ['洛阳', 1]],
  ['湖南', 3, ['长沙', 4], ['株洲', 1]],
  ['安徽', 2.5, ['合肥', 4], ['芜湖', 1]],
  ['陕西', 2.5, ['西安', 1]],
  ['河北', 2, ['石家庄', 2], ['唐山', 1], ['保定', 1]],
  ['辽宁', 2, ['沈阳', 2], ['大连', 2]],
  ['江西', 1.5, ['南昌', 1]],
  ['广西', 1.2, ['南宁', 2], ['柳州', 1]],
  ['云南', 1.2, ['昆明', 1]],
  ['山西', 1, ['太原', 1]],
  ['贵州', 1, ['贵阳', 1]],
  ['吉林', 0.8, ['长春', 1]],
  ['黑龙江', 0.8, ['哈尔滨', 1]],
  ['内蒙古', 0.6, ['呼和浩特', 1], ['包头', 1]],
  ['海南', 0.5, ['海口', 2], ['三亚', 1]],
  ['新疆', 0.5, ['乌鲁木齐', 1]],
  ['甘肃', 0.4, ['兰州', 1]],
  ['宁夏', 0.2, ['银川', 1]],
  ['青海', 0.15, ['西宁', 1]],
  ['西藏', 0.05, ['拉萨', 1]]
];
const MUNICIPALITIES = new Set(['上海', '北京', '天津', '重庆']);

/** Sales reps and the provinces each covers (big provinces are shared). */
const REPS = [
  ['张伟', '广东'],
  ['王芳', '广东'],
  ['李娜', '广东 海南'],
  ['唐亮', '广东 福建'],
  ['刘洋', '江苏'],
  ['陈静', '江苏'],
  ['高峰', '江苏 安徽'],
  ['杨帆', '浙江'],
  ['赵磊', '浙江'],
  ['梁雪', '浙江 上海'],
  ['黄敏', '上海'],
  ['周杰', '上海'],
  ['吴婷', '北京'],
  ['徐明', '北京 河北'],
  ['郭涛', '天津 河北'],
  ['孙丽', '山东'],
  ['谢鹏', '山东 天津'],
  ['马超', '福建 江西'],
  ['朱琳', '四川 重庆'],
  ['宋佳', '四川 重庆 贵州'],
  ['胡斌', '湖北 湖南'],
  ['何静怡', '河南 山西'],
  ['林晓燕', '陕西 甘肃 宁夏 青海 新疆 西藏'],
  ['罗军', '辽宁 吉林 黑龙江 内蒙古'],
  ['郑浩', '广西 云南 贵州']
];

const CATEGORIES = ['软件服务', '云服务', '硬件设备', '耗材配件', '咨询培训', '运维服务'];
/** Relative order value and typical unit price (yuan) per category. */
const CATEGORY_VALUE = [1.0, 0.8, 1.3, 0.45, 1.2, 0.7];
const CATEGORY_UNIT_PRICE = [3000, 800, 2500, 60, 6000, 1500];
/** Typical gross margin per category: software and consulting earn most, hardware least. */
const CATEGORY_MARGIN = [0.42, 0.3, 0.1, 0.18, 0.36, 0.24];
/** Share of customers bought with deep discounts or heavy service costs: many of them lose money. */
const DISCOUNTED_SHARE = 0.07;

/** [industry, weight, order-value factor, category weights, name words]. */
const INDUSTRIES = [
  [
    '制造业',
    22,
    1.1,
    [2, 1, 5, 4, 1, 2],
    ['精密机械', '机电设备', '智能装备', '电子科技', '新材料', '汽车零部件']
  ],
  ['零售', 12, 0.8, [3, 2, 3, 3, 1, 1], ['商贸', '百货', '超市连锁', '贸易', '电子商务']],
  [
    '互联网',
    11,
    1.0,
    [5, 5, 2, 1, 1, 2],
    ['网络科技', '信息技术', '数字科技', '软件技术', '云计算']
  ],
  ['医疗健康', 9, 1.2, [3, 2, 4, 2, 1, 2], ['医疗器械', '生物科技', '医药', '健康管理']],
  ['教育', 7, 0.7, [3, 3, 2, 1, 3, 1], ['教育科技', '职业培训', '文化传播']],
  ['金融', 7, 1.5, [5, 3, 2, 1, 2, 3], ['投资管理', '融资租赁', '保险代理', '金融信息服务']],
  ['物流', 9, 0.9, [3, 3, 2, 2, 1, 2], ['物流', '供应链管理', '国际货运代理', '运输']],
  ['建筑', 8, 1.3, [2, 1, 4, 3, 2, 2], ['建设工程', '建筑装饰工程', '工程设计', '建材']],
  ['能源', 6, 1.4, [2, 2, 4, 2, 2, 3], ['新能源', '能源科技', '电力工程', '光伏科技']],
  ['餐饮', 9, 0.6, [2, 2, 2, 4, 1, 1], ['餐饮管理', '食品', '餐饮连锁']]
];

const SIZES = ['小型', '中型', '大型'];
const SIZE_WEIGHTS = [58, 30, 12];
/** Median order value (yuan) and relative purchase rate by size. */
const SIZE_ORDER_VALUE = [2_000, 8_000, 25_000];
const SIZE_RATE = [1, 1.5, 2.2];
const SIZE_CHURN = [0.35, 0.25, 0.15];

const CHANNELS = ['直销', '代理商', '电商平台', '电话销售', '展会'];
const CHANNEL_WEIGHTS_BY_SIZE = [
  [10, 30, 30, 25, 5],
  [35, 30, 10, 15, 10],
  [70, 15, 5, 5, 5]
];

const BRAND_CHARS =
  '华鑫恒泰瑞达盛宏通创博德信联海天中新金明安康远源航科蓝锐峰嘉润智晟融骏卓誉弘铭宇辰启澜聚汇昊佳捷凯祥丰立兴鼎亿诚星光万和永正东方';

/** 春节 (Chinese New Year's day) in the sample's years. */
const SPRING_FESTIVAL = ['2023-01-22', '2024-02-10', '2025-01-29'].map(
  (d) => (Date.parse(d) - START_MS) / DAY_MS
);
/** B2B year shape: slow January/February, year-end budget flush in Q4. */
const MONTH_FACTOR = [0.85, 0.7, 1.0, 1.0, 0.95, 1.05, 0.95, 0.9, 1.05, 1.0, 1.2, 1.45];

// ---------------------------------------------------------------- calendar
const DATE_STRINGS = Array.from({ length: DAYS }, (_, d) =>
  new Date(START_MS + d * DAY_MS).toISOString().slice(0, 10)
);
const MONTH_OF_DAY = DATE_STRINGS.map(
  (s) => (Number(s.slice(0, 4)) - 2023) * 12 + Number(s.slice(5, 7)) - 1
);
const MONTHS = MONTH_OF_DAY[DAYS - 1] + 1;
const MONTH_START = Array.from({ length: MONTHS + 1 }, (_, m) => MONTH_OF_DAY.indexOf(m));
MONTH_START[MONTHS] = DAYS;

/** Relative order volume of a day: weekends, 春节, 劳动节, 国庆, 双十一 and the month shape. */
function dayFactor(d) {
  const date = DATE_STRINGS[d];
  const md = date.slice(5);
  const weekday = new Date(START_MS + d * DAY_MS).getUTCDay();
  let f = MONTH_FACTOR[Number(date.slice(5, 7)) - 1];
  if (weekday === 0) f *= 0.15;
  else if (weekday === 6) f *= 0.3;
  for (const sf of SPRING_FESTIVAL) {
    const k = d - sf;
    if (k >= -10 && k < -3) f *= 0.6;
    else if (k >= -3 && k < 7) f *= 0.08;
    else if (k >= 7 && k < 15) f *= 0.6;
  }
  if (md >= '05-01' && md <= '05-05') f *= 0.2;
  if (md >= '10-01' && md <= '10-07') f *= 0.1;
  if (md === '11-11') f *= 2.5;
  if (md === '01-01') f *= 0.1;
  return f;
}
const DAY_FACTOR = DATE_STRINGS.map((_, d) => dayFactor(d));

// ---------------------------------------------------------------- customers
const PROVINCE_REPS = new Map();
REPS.forEach(([, provinces], i) => {
  for (const p of provinces.split(' ')) PROVINCE_REPS.set(p, [...(PROVINCE_REPS.get(p) ?? []), i]);
});

function makeName(rng, names, city, province, industry, size, isKey) {
  const words = INDUSTRIES[industry][4];
  for (;;) {
    const brand = pick(rng, BRAND_CHARS) + pick(rng, BRAND_CHARS);
    if (brand[0] === brand[1]) continue;
    const place = rng() < 0.15 ? province : city;
    // 市 follows a city only (深圳市…; a province never: no 广东市…). The draw stays for the same stream.
    const isShi = !MUNICIPALITIES.has(place) && rng() < 0.5 && place === city;
    const prefix = isShi ? `${place}市` : place;
    const word = pick(rng, words);
    const suffix = isKey
      ? pick(rng, ['集团股份有限公司', '股份有限公司', '集团有限公司'])
      : size === 2 && rng() < 0.5
        ? '股份有限公司'
        : rng() < 0.1
          ? '有限责任公司'
          : '有限公司';
    const name =
      rng() < 0.1 ? `${brand}（${place}）${word}${suffix}` : `${prefix}${brand}${word}${suffix}`;
    if (!names.has(name)) {
      names.add(name);
      return name;
    }
  }
}

/** Customers sorted by acquisition, with the parameters that drive their orders. */
function createCustomers(rng, count) {
  let acc = 0;
  const acquisition = DAY_FACTOR.map((f, d) => (acc += f * (1 + (0.3 * d) / DAYS))); // it grows
  const provinceWeights = REGIONS.map((r) => r[1]);
  const industryWeights = INDUSTRIES.map((x) => x[1]);
  const names = new Set();
  const keyCount = Math.max(1, Math.round(count / 300));
  const firstDays = Array.from({ length: count }, (_, i) => {
    // The first 40 % were customers before 2023: their first order in the data comes early.
    if (i < Math.max(keyCount, count * 0.4)) {
      for (;;) {
        const d = Math.min(DAYS - 1, Math.floor(-Math.log(1 - rng()) * 35));
        if (rng() < DAY_FACTOR[d] / 1.45) return { day: d, existing: true, isKey: i < keyCount };
      }
    }
    return { day: searchCumulative(acquisition, rng() * acc), existing: false, isKey: false };
  }).sort((a, b) => a.day - b.day);

  let idNumber = 0;
  return firstDays.map(({ day, existing, isKey }) => {
    idNumber += rng() < 0.08 ? 2 + Math.floor(rng() * 3) : 1; // deleted records leave gaps
    const size = isKey ? 2 : pickWeighted(rng, SIZE_WEIGHTS);
    const industry = pickWeighted(rng, industryWeights);
    // Key accounts sit in the six biggest economies.
    const region = REGIONS[isKey ? Math.floor(rng() * 6) : pickWeighted(rng, provinceWeights)];
    const province = region[0];
    const cities = region.slice(2);
    const cityWeights = cities.map((c) => c[1]);
    const city = cities[pickWeighted(rng, cityWeights)][0];
    const reps = PROVINCE_REPS.get(province);
    const rep = pick(rng, reps);
    // Some accounts change hands when a territory is re-split.
    const handover =
      reps.length > 1 && rng() < 0.08 ? day + Math.floor(rng() * (DAYS - day)) : DAYS;
    const oneTime = !existing && rng() < 0.03;
    const churnDay =
      !isKey && rng() < SIZE_CHURN[size]
        ? day + 60 + Math.floor(-Math.log(1 - rng()) * 420)
        : Infinity;
    const growthPerYear = isKey ? rng() * 0.2 : rng() < 0.15 ? 0.2 + rng() * 0.35 : 0;
    const catWeights = INDUSTRIES[industry][3].slice();
    catWeights[pickWeighted(rng, catWeights)] += 8; // each customer has a main category
    return {
      id: `C${String(idNumber).padStart(6, '0')}`,
      existing,
      isKey,
      name: makeName(rng, names, city, province, industry, size, isKey),
      province,
      city,
      industry: INDUSTRIES[industry][0],
      size,
      channel: pickWeighted(rng, CHANNEL_WEIGHTS_BY_SIZE[size]),
      rep,
      nextRep: reps[(reps.indexOf(rep) + 1) % reps.length],
      handover,
      firstDay: day,
      activeFrom: existing ? 0 : day + 1,
      activeTo: oneTime ? -1 : Math.min(churnDay, DAYS),
      churnDay,
      rate: isKey ? 11 + 8 * rng() : gamma(rng, 2) * SIZE_RATE[size],
      orderValue:
        (isKey ? 180_000 : SIZE_ORDER_VALUE[size]) *
        INDUSTRIES[industry][2] *
        Math.exp((isKey ? 0.3 : 0.6) * normal(rng)),
      growthPerYear,
      catWeights
    };
  });
}

/** A customer's weight in month m's draw: its intensity mid-month (or on its first active day). */
function monthIntensity(c, m) {
  const from = Math.max(MONTH_START[m], c.activeFrom);
  if (from >= MONTH_START[m + 1]) return 0;
  return intensity(c, Math.max(Math.floor((MONTH_START[m] + MONTH_START[m + 1]) / 2), from));
}

/** A customer's relative order intensity on day d (before the calendar factor). */
function intensity(c, d) {
  if (d < c.activeFrom || d >= c.activeTo) return 0;
  let w = c.rate * Math.exp((c.growthPerYear * (d - c.firstDay)) / 365);
  const toChurn = c.churnDay - d;
  if (toChurn < 150) w *= 0.3 + (0.7 * toChurn) / 150; // churners fade before they stop
  return w;
}

// ---------------------------------------------------------------- orders
/** Splits `total` over days in proportion to `weights` (largest remainder, so the sum is exact). */
function allocate(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const counts = quotas.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, d) => d)
    .sort((a, b) => quotas[b] - counts[b] - (quotas[a] - counts[a]) || a - b);
  for (let i = 0; rest > 0; i = (i + 1) % order.length, rest--) counts[order[i]]++;
  return counts;
}

function roundAmountCents(yuan, rng) {
  if (yuan >= 10_000 && rng() < 0.6) return Math.round(yuan / 100) * 10_000;
  if (rng() < 0.55) return Math.round(yuan) * 100;
  return Math.round(yuan * 100);
}

/** The number of customers of a sample: given, or 6 % of its rows. */
function customerCountOf(options) {
  const rows = options.rows ?? DEFAULT_ROWS;
  return options.customers ?? Math.max(1, Math.round(rows * (DEFAULT_CUSTOMERS / DEFAULT_ROWS)));
}

/**
 * @typedef {{ seed?: number, rows?: number, customers?: number }} SampleOptions
 * @typedef {{ orderId: string, date: string, customerId: string, customerName: string,
 *   province: string, city: string, industry: string, channel: string, salesRep: string,
 *   category: string, amountCents: number, quantity: number, size: string,
 *   profitCents: number }} SampleRow
 */

/**
 * Yields exactly `rows` rows in date order (≈2.5 % of them returns).
 * @param {SampleOptions} [options]
 * @returns {Generator<SampleRow>}
 */
export function* iterateSampleRows(options = {}) {
  const seed = options.seed ?? DEFAULT_SEED;
  const rows = options.rows ?? DEFAULT_ROWS;
  const customerCount = customerCountOf(options);
  const returnCount = Math.round(rows * RETURN_RATE);
  const sampledCount = rows - returnCount - customerCount;
  if (!(
    Number.isInteger(rows) &&
    Number.isInteger(customerCount) &&
    customerCount > 0 &&
    sampledCount >= 0
  )) {
    throw new RangeError(`cannot make ${rows} rows for ${customerCount} customers`);
  }
  const customers = createCustomers(createRng(seed ^ 0x9e3779b9), customerCount);
  const rng = createRng(seed);
  // Profit draws come from a stream of their own, so the orders are those of the sample before it
  // had a profit column. Each customer's margin shift: a few are sold at a loss.
  const profitRng = createRng(seed ^ 0x2c1b3c6d);
  const marginShift = new Map(
    customers.map((c) => [
      c,
      profitRng() < DISCOUNTED_SHARE ? -(0.3 + 0.3 * profitRng()) : 0.05 * normal(profitRng)
    ])
  );

  // Per month, a cumulative intensity table to draw "who orders" from; per day, exact counts.
  const monthTotals = [];
  for (let m = 0; m < MONTHS; m++) {
    let sum = 0;
    for (const c of customers) sum += monthIntensity(c, m);
    monthTotals.push(sum);
  }
  const noisy = DAY_FACTOR.map(
    (f, d) => f * monthTotals[MONTH_OF_DAY[d]] * Math.exp(0.15 * normal(rng))
  );
  const orderCounts = allocate(sampledCount, noisy);
  const returnCounts = allocate(
    returnCount,
    noisy.map((w, d) => (d < 14 ? 0 : w))
  );
  const firstOrders = Array.from({ length: DAYS }, () => []);
  for (const c of customers) firstOrders[c.firstDay].push(c);
  const seqWidth = Math.max(
    4,
    String(Math.max(...orderCounts.map((n, d) => n + firstOrders[d].length))).length
  );

  let cumulative = new Float64Array(customerCount);
  let month = -1;
  const recent = []; // positive orders of the last weeks, in date order, for returns to refer to
  let recentHead = 0;
  let carry = 0;

  for (let d = 0; d < DAYS; d++) {
    if (MONTH_OF_DAY[d] !== month) {
      month = MONTH_OF_DAY[d];
      cumulative = new Float64Array(customerCount);
      let sum = 0;
      customers.forEach((c, i) => {
        sum += monthIntensity(c, month);
        cumulative[i] = sum;
      });
    }
    const total = cumulative[customerCount - 1];
    const buyers = firstOrders[d].slice();
    let wanted = orderCounts[d] + carry;
    carry = 0;
    for (; wanted > 0; wanted--) {
      let chosen = null;
      for (let attempt = 0; attempt < 64 && total > 0; attempt++) {
        const c = customers[searchCumulative(cumulative, rng() * total)];
        if (d >= c.activeFrom && d < c.activeTo) {
          chosen = c;
          break;
        }
      }
      if (chosen) buyers.push(chosen);
      else carry++; // nobody can buy today (e.g. the very first days): move the order on
    }
    if (d === DAYS - 1 && carry > 0) {
      // Keep the row count exact: the remaining orders go to customers active at the end.
      const active = customers.filter((c) => DAYS - 1 >= c.activeFrom && DAYS - 1 < c.activeTo);
      for (; carry > 0; carry--) buyers.push(pick(rng, active.length ? active : customers));
    }
    for (let i = buyers.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [buyers[i], buyers[j]] = [buyers[j], buyers[i]];
    }

    const date = DATE_STRINGS[d];
    const idPrefix = `SO${date.replaceAll('-', '')}`;
    for (let i = 0; i < buyers.length; i++) {
      const c = buyers[i];
      const category = pickWeighted(rng, c.catWeights);
      const years = (d - c.firstDay) / 365;
      const yuan = Math.max(
        50,
        c.orderValue *
          CATEGORY_VALUE[category] *
          Math.exp(0.5 * c.growthPerYear * years + 0.55 * normal(rng)) *
          (date.slice(5, 7) === '12' ? 1.15 : 1) // year-end budgets buy bigger
      );
      const amountCents = roundAmountCents(yuan, rng);
      const unitPrice = CATEGORY_UNIT_PRICE[category] * Math.exp(0.3 * normal(rng));
      const margin = CATEGORY_MARGIN[category] + marginShift.get(c) + 0.08 * normal(profitRng);
      const row = {
        orderId: `${idPrefix}${String(i + 1).padStart(seqWidth, '0')}`,
        date,
        customerId: c.id,
        customerName: c.name,
        province: c.province,
        city: c.city,
        industry: c.industry,
        channel:
          CHANNELS[rng() < 0.85 ? c.channel : pickWeighted(rng, CHANNEL_WEIGHTS_BY_SIZE[c.size])],
        salesRep: REPS[d < c.handover ? c.rep : c.nextRep][0],
        category: CATEGORIES[category],
        amountCents,
        quantity: Math.max(1, Math.round(amountCents / 100 / unitPrice)),
        size: SIZES[c.size],
        profitCents: Math.round(amountCents * margin)
      };
      recent.push({ row, day: d, returned: false });
      yield row;
    }

    // Returns refer to a positive order 2–40 days earlier; e-commerce orders come back more often.
    while (recentHead < recent.length && recent[recentHead].day < d - 40) recentHead++;
    if (recentHead > 100_000) {
      recent.splice(0, recentHead);
      recentHead = 0;
    }
    let eligibleEnd = recent.length;
    while (eligibleEnd > recentHead && recent[eligibleEnd - 1].day > d - 2) eligibleEnd--;
    let returnsToday = returnCounts[d];
    for (let tries = 0; returnsToday > 0 && eligibleEnd > recentHead && tries < 10_000; tries++) {
      const entry = recent[recentHead + Math.floor(rng() * (eligibleEnd - recentHead))];
      if (entry.returned) continue;
      if (entry.row.channel !== '电商平台' && rng() < 0.5 && tries < 5_000) continue;
      entry.returned = true;
      returnsToday--;
      const { row } = entry;
      const units =
        row.quantity > 1 && rng() < 0.5 ? 1 + Math.floor(rng() * (row.quantity - 1)) : row.quantity;
      yield {
        ...row,
        orderId: `${row.orderId}-R`,
        date,
        amountCents: -Math.round((row.amountCents * units) / row.quantity),
        quantity: -units,
        profitCents: -Math.round((row.profitCents * units) / row.quantity)
      };
    }
    if (returnsToday > 0 && d + 1 < DAYS) returnCounts[d + 1] += returnsToday;
    else if (returnsToday > 0) throw new Error('could not place every return');
  }
}

/**
 * All rows of the sample in memory (fine for the default size; use writeSampleCsv for big files).
 * @param {number} [seed]
 * @param {Omit<SampleOptions, 'seed'>} [options]
 * @returns {SampleRow[]}
 */
export function generateSample(seed = DEFAULT_SEED, options = {}) {
  return [...iterateSampleRows({ ...options, seed })];
}

// ---------------------------------------------------------------- CSV
const NEEDS_QUOTES = /[",\r\n]/;
function csvField(value) {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Integer cents as a plain decimal with 2 places (no float rounding involved). */
export function formatCents(cents) {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One CSV line (no line break); text fields are quoted only when they need it. */
export function formatCsvRow(/** @type {SampleRow} */ r) {
  const q = csvField;
  return `${q(r.orderId)},${r.date},${q(r.customerId)},${q(r.customerName)},${q(r.province)},${q(r.city)},${q(r.industry)},${q(r.channel)},${q(r.salesRep)},${q(r.category)},${formatCents(r.amountCents)},${r.quantity},${q(r.size)},${formatCents(r.profitCents)}`;
}

const CSV_HEAD = `\uFEFF${SAMPLE_HEADER.map(csvField).join(',')}\n`;

/** @param {Iterable<SampleRow>} rows */
export function sampleToCsv(rows) {
  const lines = [CSV_HEAD];
  for (const r of rows) lines.push(formatCsvRow(r), '\n');
  return lines.join('');
}

/** Running figures for the manifest. */
function createSummary() {
  const byCustomer = new Map();
  let rows = 0;
  let returns = 0;
  let totalCents = 0;
  let dateFrom = '';
  let dateTo = '';
  return {
    /** @param {SampleRow} r */
    add(r) {
      rows++;
      if (r.amountCents < 0) returns++;
      totalCents += r.amountCents;
      byCustomer.set(r.customerId, (byCustomer.get(r.customerId) ?? 0) + r.amountCents);
      if (!dateFrom || r.date < dateFrom) dateFrom = r.date;
      if (r.date > dateTo) dateTo = r.date;
    },
    result() {
      const top10Cents = [...byCustomer.values()]
        .sort((a, b) => b - a)
        .slice(0, 10)
        .reduce((a, b) => a + b, 0);
      return {
        rows,
        orders: rows - returns,
        returns,
        customers: byCustomer.size,
        dateFrom,
        dateTo,
        totalAmount: totalCents / 100,
        top10Share: Math.round((top10Cents / totalCents) * 10_000) / 10_000
      };
    }
  };
}

/** @param {Iterable<SampleRow>} rows */
export function summarizeSample(rows) {
  const summary = createSummary();
  for (const r of rows) summary.add(r);
  return summary.result();
}

/**
 * Streams the CSV to `outPath` (never holding all rows) and returns the manifest; `onRow` sees
 * each row as it is written (the targets are set from them).
 * @param {string} outPath
 * @param {SampleOptions} [options]
 * @param {(row: SampleRow) => void} [onRow]
 */
export async function writeSampleCsv(outPath, options = {}, onRow = () => {}) {
  mkdirSync(dirname(outPath), { recursive: true });
  const out = createWriteStream(outPath);
  const hash = createHash('sha256');
  const summary = createSummary();
  let bytes = 0;
  const write = async (text) => {
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  let lines = [CSV_HEAD];
  for (const row of iterateSampleRows(options)) {
    summary.add(row);
    onRow(row);
    lines.push(formatCsvRow(row), '\n');
    if (lines.length > 8192) {
      await write(lines.join(''));
      lines = [];
    }
  }
  await write(lines.join(''));
  out.end();
  await once(out, 'finish');
  return {
    file: basename(outPath),
    ...summary.result(),
    seed: options.seed ?? DEFAULT_SEED,
    columns: SAMPLE_HEADER,
    bytes,
    sha256: hash.digest('hex')
  };
}

// ---------------------------------------------------------------- targets
/** The targets sheet's header (DOMAIN §7a): key, parent team, period, revenue and new-customer targets. */
export const TARGETS_HEADER = ['销售代表', '所属团队', '期间', '销售目标', '新客户目标'];
/** The year the targets are for (the sample's last, complete year). */
export const TARGETS_YEAR = '2025';

/** Teams by the first province a rep covers. */
const TEAM_OF_PROVINCE = {
  华南团队: '广东 福建 海南 广西 云南 贵州',
  华东团队: '江苏 浙江 上海 安徽',
  华北团队: '北京 天津 河北 山东 辽宁 吉林 黑龙江 内蒙古',
  中西部团队: '四川 重庆 湖北 湖南 河南 山西 陕西 甘肃 宁夏 青海 新疆 西藏 江西'
};

/** The team of each rep (by the first province in their territory). */
export function teamOfRep(rep) {
  const found = REPS.find(([name]) => name === rep);
  if (!found) throw new Error(`unknown rep ${rep}`);
  const first = found[1].split(' ')[0];
  const team = Object.entries(TEAM_OF_PROVINCE).find(([, p]) => p.split(' ').includes(first));
  if (!team) throw new Error(`no team for ${first}`);
  return team[0];
}

/**
 * A few periods written the other ways DOMAIN §7a allows, so the sample exercises them:
 * [rep index or team, period key] → text.
 */
const OTHER_PERIOD_TEXT = new Map([
  ['3|2025-03', '2025年3月'],
  ['7|2025-04', '2025/4'],
  ['11|2025-05', '202505'],
  ['15|2025-06', 'Jun 2025'],
  ['20|2025-09', '2025/09'],
  ['华东团队|2025-Q2', '2025Q2'],
  ['华北团队|2025-Q3', '2025年第3季度'],
  ['中西部团队|2025-Q4', '2025年四季度']
]);

/**
 * Collects what the targets are set from: each rep's revenue per month of {@link TARGETS_YEAR}
 * (returns deducted, cents) and each customer's first order (who gets the new customer).
 */
export function createActuals() {
  const revenue = new Map(REPS.map(([name]) => [name, new Array(12).fill(0)]));
  const firstOrder = new Map();
  return {
    /** @param {SampleRow} r */
    add(r) {
      if (r.amountCents > 0 && !firstOrder.has(r.customerId))
        firstOrder.set(r.customerId, { date: r.date, rep: r.salesRep });
      if (r.date.startsWith(TARGETS_YEAR))
        revenue.get(r.salesRep)[+r.date.slice(5, 7) - 1] += r.amountCents;
    },
    result() {
      const newCustomers = new Map(REPS.map(([name]) => [name, new Array(12).fill(0)]));
      for (const { date, rep } of firstOrder.values())
        if (date.startsWith(TARGETS_YEAR)) newCustomers.get(rep)[+date.slice(5, 7) - 1]++;
      return { revenue, newCustomers };
    }
  };
}

/**
 * The targets: per rep and month of {@link TARGETS_YEAR}, the rep's actual revenue × a factor of
 * their own (0.8–1.25, so some reps end above target and some below) × a little monthly noise,
 * rounded to ¥1,000; new customers likewise. Per team and quarter, the team's own target: its reps'
 * quarter targets × a team factor (0.95–1.05), rounded to ¥10,000.
 * @param {ReturnType<ReturnType<typeof createActuals>['result']>} actuals
 */
export function sampleTargets(actuals, seed = DEFAULT_SEED) {
  const rng = createRng(seed ^ 0x7a5c3e1f);
  const rows = [];
  const teamSums = new Map();
  REPS.forEach(([rep], i) => {
    const team = teamOfRep(rep);
    const factor = 0.8 + 0.45 * rng();
    const newFactor = 0.8 + 0.5 * rng();
    for (let m = 0; m < 12; m++) {
      const period = `${TARGETS_YEAR}-${String(m + 1).padStart(2, '0')}`;
      const yuan = (actuals.revenue.get(rep)[m] / 100) * factor * (0.95 + 0.1 * rng());
      const revenueTarget = Math.max(10_000, Math.round(yuan / 1000) * 1000);
      const newCustomerTarget = Math.max(
        1,
        Math.round(actuals.newCustomers.get(rep)[m] * newFactor)
      );
      rows.push({
        key: rep,
        parent: team,
        period,
        text: OTHER_PERIOD_TEXT.get(`${i}|${period}`) ?? period,
        revenueTarget,
        newCustomerTarget
      });
      const q = `${TARGETS_YEAR}-Q${Math.floor(m / 3) + 1}`;
      const sums = teamSums.get(`${team}|${q}`) ?? { revenue: 0, newCustomers: 0 };
      sums.revenue += revenueTarget;
      sums.newCustomers += newCustomerTarget;
      teamSums.set(`${team}|${q}`, sums);
    }
  });
  for (const team of Object.keys(TEAM_OF_PROVINCE)) {
    const factor = 0.95 + 0.1 * rng();
    for (let q = 1; q <= 4; q++) {
      const period = `${TARGETS_YEAR}-Q${q}`;
      const sums = teamSums.get(`${team}|${period}`);
      rows.push({
        key: team,
        parent: '',
        period,
        text: OTHER_PERIOD_TEXT.get(`${team}|${period}`) ?? period,
        revenueTarget: Math.round((sums.revenue * factor) / 10_000) * 10_000,
        newCustomerTarget: sums.newCustomers
      });
    }
  }
  return rows;
}

/** The targets sheet as CSV (BOM, header, `\n` line ends); big team targets with thousands separators. */
export function targetsToCsv(rows) {
  const grouped = (n) => `"${n.toLocaleString('en-US')}"`;
  const lines = rows.map((r) =>
    [
      csvField(r.key),
      csvField(r.parent),
      csvField(r.text),
      r.parent === '' ? grouped(r.revenueTarget) : String(r.revenueTarget),
      String(r.newCustomerTarget)
    ].join(',')
  );
  return `\uFEFF${TARGETS_HEADER.join(',')}\n${lines.join('\n')}\n`;
}

/**
 * Who ends the year above and below target (actual revenue of the year vs the sum of the monthly
 * targets), for the manifest and the report.
 */
export function summarizeTargets(rows, actuals) {
  const reps = rows.filter((r) => r.parent !== '');
  const byRep = new Map();
  for (const r of reps) byRep.set(r.key, (byRep.get(r.key) ?? 0) + r.revenueTarget);
  const attainment = [...byRep].map(([rep, target]) => {
    const actual = actuals.revenue.get(rep).reduce((a, b) => a + b, 0) / 100;
    return { rep, attainment: Math.round((actual / target) * 10_000) / 10_000 };
  });
  return {
    rows: rows.length,
    keys: new Set(rows.map((r) => r.key)).size,
    periods: new Set(rows.map((r) => r.period)).size,
    above: attainment.filter((a) => a.attainment >= 1).map((a) => a.rep),
    below: attainment.filter((a) => a.attainment < 1).map((a) => a.rep),
    attainment
  };
}

// ---------------------------------------------------------------- CLI
function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!['rows', 'customers', 'seed', 'out', 'manifest'].includes(key) || i + 1 >= argv.length) {
      throw new Error(
        `usage: node scripts/generate-sample.js [--rows N] [--customers N] [--seed N] [--out file.csv] [--manifest file.json]`
      );
    }
    args[key] = argv[++i];
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const num = (v) => (v === undefined ? undefined : Number(v));
  const outPath = resolve(args.out ?? resolve(root, 'static/sample/orders.csv'));
  const manifestPath =
    args.manifest ?? (args.out ? undefined : resolve(root, 'static/sample/manifest.json'));
  const started = performance.now();
  const actuals = createActuals();
  const related = createRelatedCollector();
  const receivables = createReceivablesCollector();
  const manifest = await writeSampleCsv(
    outPath,
    { rows: num(args.rows), customers: num(args.customers), seed: num(args.seed) },
    (row) => {
      actuals.add(row);
      if (!args.out) related.add(row);
      if (!args.out) receivables.add(row);
    }
  );
  // The built-in sample gets its targets sheet next to it.
  if (!args.out) {
    const result = actuals.result();
    const rows = sampleTargets(result, manifest.seed);
    const csv = targetsToCsv(rows);
    const targetsPath = resolve(dirname(outPath), 'targets.csv');
    writeFileSync(targetsPath, csv);
    const { attainment: _, ...summary } = summarizeTargets(rows, result);
    manifest.targets = {
      file: 'targets.csv',
      columns: TARGETS_HEADER,
      ...summary,
      bytes: Buffer.byteLength(csv),
      sha256: createHash('sha256').update(csv).digest('hex')
    };
    // And its customer master, survey responses and complaints (DOMAIN §7).
    manifest.related = writeRelatedFiles(dirname(outPath), related.result(), manifest.seed);
    manifest.receivables = writeReceivablesFile(
      dirname(outPath),
      receivables.result(),
      manifest.seed
    );
  }
  if (manifestPath) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `sample: ${manifest.rows} rows, ${manifest.customers} customers, ${manifest.returns} returns, ` +
      `¥${manifest.totalAmount.toFixed(2)} → ${outPath} (${ms} ms)`
  );
}

const isMain =
  process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
if (isMain) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
