import { readFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  assignRole,
  detectColumns,
  detectKind,
  isConfident,
  mappingFromGuesses,
  validateMapping
} from '$lib/ingest/detect-roles';
import type { ColumnGuess, ColumnMapping, DatasetKind, Role } from '$lib/ingest/types';
import { SINGLE_ROLES } from '$lib/ingest/types';
import { DATASET_FILES, describeWithData, type DatasetFile } from '../../datasets';

/** Header row and the first `n` data rows of CSV text. */
function firstRows(text: string, n = 200): { headers: string[]; rows: string[][] } {
  const [headers, ...rows] = Papa.parse<string[]>(text, {
    skipEmptyLines: true,
    preview: n + 1
  }).data;
  return { headers, rows };
}

function readDataset(file: DatasetFile): string {
  const bytes = readFileSync(DATASET_FILES[file]);
  if (!DATASET_FILES[file].endsWith('.gz')) return bytes.toString('utf8');
  // Only the head is needed: inflate the first 256 KiB without requiring the end of the stream.
  const head = gunzipSync(bytes.subarray(0, 256 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  return head.toString('utf8');
}

const rolesOf = (guesses: ColumnGuess[]) =>
  Object.fromEntries(guesses.map((g) => [g.header, g.role]));
const guessOf = (guesses: ColumnGuess[], header: string) =>
  guesses.find((g) => g.header === header)!;
const problemsOf = (guesses: ColumnGuess[]) => validateMapping(mappingFromGuesses(guesses));

describeWithData(['onlineRetail', 'cdnowElog', 'superstore'], 'real headers', () => {
  it('Online Retail: amount comes from Quantity × UnitPrice', () => {
    const { headers, rows } = firstRows(readDataset('onlineRetail'));
    expect(rows.length).toBe(200);
    const guesses = detectColumns(headers, rows);
    expect(rolesOf(guesses)).toEqual({
      InvoiceNo: 'order_id',
      StockCode: 'dimension',
      Description: 'dimension',
      Quantity: 'quantity',
      InvoiceDate: 'date',
      UnitPrice: 'unit_price',
      CustomerID: 'customer_id',
      Country: 'dimension'
    });
    expect(guessOf(guesses, 'InvoiceDate')).toMatchObject({ type: 'date', confidence: 'high' });
    expect(guessOf(guesses, 'InvoiceDate').dateOrder).toBeUndefined();
    expect(guessOf(guesses, 'UnitPrice')).toMatchObject({ type: 'number', decimalMark: '.' });
    expect(guessOf(guesses, 'CustomerID')).toMatchObject({ type: 'integer', confidence: 'high' });
    expect(detectKind(guesses)).toBe('transactions');
    expect(problemsOf(guesses)).toEqual([]);
    expect(isConfident(guesses)).toBe(true);
  });

  it('CDNOW: one of the two generic ids becomes the customer, with low confidence', () => {
    const { headers, rows } = firstRows(readDataset('cdnowElog'));
    const guesses = detectColumns(headers, rows);
    const ids = guesses.filter((g) => g.role === 'customer_id');
    expect(ids).toHaveLength(1);
    expect(['masterid', 'sampleid']).toContain(ids[0].header);
    expect(ids[0].confidence).not.toBe('high');
    expect(guessOf(guesses, 'date')).toMatchObject({
      role: 'date',
      type: 'date',
      confidence: 'high'
    });
    expect(guessOf(guesses, 'cds')).toMatchObject({ role: 'quantity', type: 'integer' });
    expect(guessOf(guesses, 'sales')).toMatchObject({ role: 'amount', type: 'number' });
    expect(problemsOf(guesses)).toEqual([]);
    expect(isConfident(guesses)).toBe(false);
  });

  it('CDNOW: choosing the other id as customer ID releases the first one (no duplicate)', () => {
    const { headers, rows } = firstRows(readDataset('cdnowElog'));
    const mapping = mappingFromGuesses(detectColumns(headers, rows));
    const id = mapping.columns.find((c) => c.role === 'customer_id')!;
    const other = mapping.columns.find(
      (c) => c.header === (id.header === 'masterid' ? 'sampleid' : 'masterid')
    )!;
    const columns = assignRole(mapping.columns, other.index, 'customer_id');
    expect(columns.find((c) => c.index === other.index)!.role).toBe('customer_id');
    expect(columns.find((c) => c.index === id.index)!.role).toBe('ignore');
    expect(validateMapping({ ...mapping, columns })).toEqual([]);
  });

  it('Superstore: BOM stripped, month-first order settled by the first 200 rows', () => {
    const text = readDataset('superstore');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const { headers, rows } = firstRows(text);
    const guesses = detectColumns(headers, rows);
    expect(rolesOf(guesses)).toEqual({
      'Row ID': 'ignore',
      'Order ID': 'order_id',
      'Order Date': 'date',
      'Ship Date': 'dimension',
      'Ship Mode': 'dimension',
      'Customer ID': 'customer_id',
      'Customer Name': 'customer_name',
      Segment: 'dimension',
      Country: 'dimension',
      City: 'dimension',
      State: 'dimension',
      'Postal Code': 'dimension',
      Region: 'dimension',
      'Product ID': 'dimension',
      Category: 'dimension',
      'Sub-Category': 'dimension',
      'Product Name': 'dimension',
      Sales: 'amount',
      Quantity: 'quantity',
      Discount: 'dimension',
      Profit: 'profit'
    });
    expect(guessOf(guesses, 'Order Date')).toMatchObject({
      type: 'date',
      dateOrder: 'mdy',
      dateOrderAmbiguous: false,
      confidence: 'high'
    });
    expect(guessOf(guesses, 'Ship Date')).toMatchObject({ type: 'date', dateOrder: 'mdy' });
    expect(problemsOf(guesses)).toEqual([]);
    expect(isConfident(guesses)).toBe(true);
  });

  it('Superstore with too few rows to settle the order says so', () => {
    const { headers, rows } = firstRows(readDataset('superstore'), 2);
    const guesses = detectColumns(headers, rows);
    const orderDate = guessOf(guesses, 'Order Date');
    expect(orderDate).toMatchObject({ role: 'date', type: 'date', dateOrderAmbiguous: true });
    expect(orderDate.dateOrder).toBeUndefined();
    expect(problemsOf(guesses)).toEqual([{ code: 'date_order_needed', column: 2 }]);
    expect(isConfident(guesses)).toBe(false);
  });
});

describe('Chinese headers', () => {
  const headers = '客户编号,客户名称,订单日期,订单金额,省份,城市,行业,渠道,销售代表,订单号'.split(
    ','
  );
  const rows = [
    [
      'C001',
      '上海启明科技有限公司',
      '2024/1/5',
      '¥1,234.50',
      '上海',
      '上海',
      '制造业',
      '直销',
      '张三',
      'SO-0001'
    ],
    [
      'C002',
      '杭州云帆贸易',
      '2024-01-06 14:30',
      '￥980',
      '浙江',
      '杭州',
      '零售',
      '代理',
      '李四',
      'SO-0002'
    ],
    [
      'C001',
      '上海启明科技有限公司',
      '2024年2月1日',
      '2,000.00元',
      '上海',
      '上海',
      '制造业',
      '直销',
      '张三',
      'SO-0003'
    ],
    ['C003', '北京星河', '20240302', '(150.00)', '北京', '北京', '教育', '线上', '王五', 'SO-0004'],
    [
      ' C004 ',
      '深圳海岸',
      '2024.3.15',
      'RMB 3,500',
      '广东',
      '深圳',
      '制造业',
      '线上',
      '赵六',
      'SO-0005'
    ]
  ];
  const guesses = detectColumns(headers, rows);

  it('maps the obvious roles with high confidence', () => {
    const roles = 'customer_id customer_name date amount dimension dimension dimension dimension';
    expect(guesses.map((g) => g.role)).toEqual(`${roles} dimension order_id`.split(' '));
    expect(guesses.every((g) => g.confidence === 'high')).toBe(true);
    const types = guesses.map((g) => g.type);
    expect(types).toEqual(['text', 'text', 'date', 'number', ...Array(6).fill('text')]);
    expect(isConfident(guesses)).toBe(true);
    expect(detectKind(guesses)).toBe('transactions');
  });
});

/** Detects a single column (plus optional context columns first) and returns its guess. */
function detectOne(header: string, values: string[], context: [string, string][] = []) {
  const headers = [...context.map(([h]) => h), header];
  const rows = values.map((v) => [...context.map(([, c]) => c), v]);
  return detectColumns(headers, rows)[context.length];
}

describe('header words', () => {
  type Case = [string, string[], Role, ColumnGuess['confidence']];
  /** One case per header: all share the sample values, role and confidence. */
  const each = (headers: string, values: string[], role: Role, confidence = 'high'): Case[] =>
    headers.split('|').map((h) => [h, values, role, confidence as ColumnGuess['confidence']]);
  const ids = ['C001', 'C002', 'C001'];
  const dates = ['2024-01-05', '2024/1/6'];
  const money = ['1,234.50', '99'];
  const counts = ['1', '3'];
  const text = ['华东', '华南'];
  const cases: Case[] = [
    ...each(
      '客户编号|客户ID|客户代码|客户号|会员ID|CustomerID|Customer ID|cust_id',
      ids,
      'customer_id'
    ),
    ...each('customer_no|CUSTOMER-ID', ['1', '2'], 'customer_id'),
    ...each('Client Code|会员卡编码', ids, 'customer_id', 'medium'),
    ...each('订单日期|下单日期|成交日期|日期|交易日期|InvoiceDate|Order Date|date', dates, 'date'),
    ...each('order_date|日期（北京时间）', dates, 'date'),
    ...each('付款日期时间|Created Timestamp', dates, 'date', 'medium'),
    ...each('订单金额|成交金额|销售额|金额|实付金额|Sales|Amount|Revenue|total', money, 'amount'),
    ...each('金额(元)|Sales ($)', money, 'amount'),
    ...each('Line Amount|含税金额', money, 'amount', 'medium'),
    ...each('数量|Quantity|qty|cds', counts, 'quantity'),
    ...each('单价|UnitPrice|Unit Price|price', ['2.55', '3'], 'unit_price'),
    ...each('订单号|单号|订单编号|InvoiceNo|Order ID', ['SO1', 'SO2'], 'order_id'),
    ...each('Order Ref No|订单流水编号', ['SO1', 'SO2'], 'order_id', 'medium'),
    ...each('利润|Profit', ['-1.5', '3'], 'profit'),
    ...each('满意度|CSAT|satisfaction', ['4', '5', '3.5'], 'satisfaction'),
    ...each('NPS|推荐值', ['9', '10', '0'], 'nps'),
    ...each('地区|省份|城市|区域|Region|Country|State|City|行业|Industry', text, 'dimension'),
    ...each('渠道|Channel|销售|业务员|负责人|销售代表|Sales Rep|sales_person', text, 'dimension'),
    ...each('Ship Mode|客户类型|Customer Segment', text, 'dimension'),
    ...each('Unknown Thing|Product ID', text, 'dimension', 'medium'),
    ...each(
      '最近购买日期|最后购买日期|last purchase|Last_Purchase_Date',
      dates,
      'last_purchase_date'
    ),
    ...each('首次购买日期|first purchase', dates, 'first_purchase_date'),
    ...each('最近一次消费间隔|recency|R', ['5', '30'], 'recency_days'),
    ...each('购买次数|消费次数|frequency|F', counts, 'frequency'),
    ...each('消费金额|累计金额|monetary|M', money, 'monetary'),
    ...each('Row ID|序号|行号|#', ['1', '2', '3'], 'ignore')
  ];
  it.each(cases)('%j %j → %s (%s)', (header, values, role, confidence) => {
    expect(detectOne(header, values)).toMatchObject({ role, confidence });
  });

  it.each(['客户名称', '客户', '公司名称', 'Customer Name'])(
    '%s is the customer name when an id column exists',
    (header) => {
      const guess = detectOne(header, ['甲公司', '乙公司'], [['客户编号', 'C1']]);
      expect(guess).toMatchObject({ role: 'customer_name', confidence: 'high' });
    }
  );

  it('a lone customer column becomes the customer id (the name is optional, the id is not)', () => {
    const guesses = detectColumns(['客户', '日期', '金额'], [['甲公司', '2024-01-05', '10']]);
    expect(guesses[0]).toMatchObject({ role: 'customer_id', confidence: 'medium' });
    expect(problemsOf(guesses)).toEqual([]);
    expect(isConfident(guesses)).toBe(false);
  });

  it('strips a BOM and surrounding space from headers', () => {
    const guess = detectOne('\uFEFF Customer ID ', ids);
    expect(guess).toMatchObject({ header: 'Customer ID', role: 'customer_id' });
  });
});

describe('values veto the header', () => {
  it.each([
    ['date', ['abc', 'def'], 'text'],
    ['订单日期', ['下周', '上周'], 'text'],
    ['金额', ['很多', '很少'], 'text'],
    ['Quantity', ['2024-01-05', '2024-01-06'], 'date'],
    ['NPS', ['50', '70'], 'integer'],
    ['购买次数', ['1.5', '2.5'], 'number']
  ])('%s with %j is a %s dimension', (header, values, type) => {
    expect(detectOne(header, values)).toMatchObject({ role: 'dimension', type });
  });

  it('a header with no values keeps its role with low confidence', () => {
    expect(detectOne('Amount', ['', ' ', ''])).toMatchObject({
      role: 'amount',
      type: 'empty',
      confidence: 'low'
    });
  });

  it('tolerates a few bad or missing values', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => `${i + 1}.5`), 'oops', 'NULL', ''];
    expect(detectOne('金额', values)).toMatchObject({ role: 'amount', type: 'number' });
  });

  it('an 8-digit id column is not a date', () => {
    expect(detectOne('code', ['12345678', '87654321'])).toMatchObject({ type: 'integer' });
  });
});

describe('role assignment', () => {
  it('gives each single role to one column; a tie makes the winner low', () => {
    const g = detectColumns(['订单金额', '金额'], [['1', '2']]);
    expect(g.map((c) => [c.role, c.confidence])).toEqual([
      ['amount', 'low'],
      ['dimension', 'medium']
    ]);
  });

  it('an exact header beats a partial one regardless of position', () => {
    const g = detectColumns(
      ['Ship Date', 'Payment Date', 'Order Date'],
      [['2024-01-05', '2024-01-05', '2024-01-04']]
    );
    expect(g.map((c) => c.role)).toEqual(['dimension', 'dimension', 'date']);
    expect(g[2].confidence).toBe('high');
  });

  it('unknown headers get low-confidence guesses from the values', () => {
    const g = detectColumns(['Kunde', 'Datum', 'Betrag'], [['K1', '05.01.2024', '12,50']]);
    expect(g.map((c) => [c.role, c.confidence])).toEqual([
      ['dimension', 'medium'],
      ['date', 'low'],
      ['amount', 'low']
    ]);
    expect(g[1]).toMatchObject({ type: 'date', dateOrderAmbiguous: true });
    expect(g[2]).toMatchObject({ type: 'number', decimalMark: ',' });
    expect(isConfident(g)).toBe(false);
  });

  it('detects a decimal-comma column', () => {
    expect(detectOne('Umsatz total', ['1.234,56', '12,5', '7'])).toMatchObject({
      role: 'amount',
      type: 'number',
      decimalMark: ','
    });
  });

  it('reads Excel serial columns as dates', () => {
    const g = detectColumns(
      ['客户编号', '订单日期', '金额'],
      [
        ['C1', '45296', '10'],
        ['C2', '45297.5', '20']
      ],
      {
        excelSerialColumns: new Set([1])
      }
    );
    expect(g[1]).toMatchObject({
      role: 'date',
      type: 'date',
      excelSerial: true,
      confidence: 'high'
    });
    expect(isConfident(g)).toBe(true);
  });
});

describe('date order per column', () => {
  const headers = ['客户编号', '订单日期', '金额'];
  const withDates = (...dates: string[]) =>
    detectColumns(
      headers,
      dates.map((d, i) => [`C${i}`, d, '10'])
    );

  it('settles day-first from a first field > 12', () => {
    const g = withDates('01/02/2024', '13/02/2024');
    expect(g[1]).toMatchObject({ type: 'date', dateOrder: 'dmy', dateOrderAmbiguous: false });
    expect(isConfident(g)).toBe(true);
  });

  it('settles month-first from a second field > 12', () => {
    expect(withDates('01/02/2024', '02/13/2024')[1]).toMatchObject({ dateOrder: 'mdy' });
  });

  it('asks when nothing settles it', () => {
    const g = withDates('01/02/2024', '03/04/2024 10:00');
    expect(g[1]).toMatchObject({ role: 'date', type: 'date', dateOrderAmbiguous: true });
    expect(g[1].dateOrder).toBeUndefined();
    expect(isConfident(g)).toBe(false);
    const mapping = mappingFromGuesses(g);
    expect(validateMapping(mapping)).toEqual([{ code: 'date_order_needed', column: 1 }]);
    mapping.columns[1].dateOrder = 'dmy';
    expect(validateMapping(mapping)).toEqual([]);
  });

  it('reports a conflict when both orders are needed', () => {
    const g = withDates('13/02/2024', '02/13/2024');
    expect(g[1]).toMatchObject({ role: 'date', type: 'date', dateOrderConflict: true });
    expect(g[1].dateOrder).toBeUndefined();
    expect(isConfident(g)).toBe(false);
    expect(problemsOf(g)).toEqual([{ code: 'date_order_needed', column: 1 }]);
  });

  it('year-first dates need no order', () => {
    const g = withDates('2024-01-02', '2024/3/4');
    expect(g[1].dateOrder).toBeUndefined();
    expect(g[1].dateOrderAmbiguous).toBeUndefined();
  });
});

describe('customer-level files', () => {
  it.each([
    [
      ['客户ID', '最近购买日期', '购买次数', '消费金额', '地区'],
      ['C1', '2024-01-05', '3', '1,200.00', '华东']
    ],
    [
      ['CustomerID', 'Recency', 'Frequency', 'Monetary'],
      ['C1', '12', '3', '99.5']
    ],
    [
      ['客户编号', 'R', 'F', 'M'],
      ['C1', '12', '3', '99.5']
    ],
    [
      ['customer_id', 'last purchase', 'first purchase', 'frequency', 'monetary'],
      ['1', '2024-02-01', '2023-01-01', '2', '20']
    ]
  ])('%j is a customers file', (headers, row) => {
    const g = detectColumns(headers, [row]);
    expect(detectKind(g)).toBe('customers');
    expect(problemsOf(g)).toEqual([]);
    expect(isConfident(g)).toBe(true);
  });
});

describe('detectKind', () => {
  it.each([
    [['customer_id', 'date', 'amount'], 'transactions'],
    [['customer_id', 'last_purchase_date', 'frequency', 'monetary'], 'customers'],
    [['customer_id', 'recency_days', 'frequency', 'monetary'], 'customers'],
    [['customer_id', 'recency_days', 'frequency', 'monetary', 'date'], 'transactions'],
    [['customer_id', 'frequency', 'monetary'], 'transactions'],
    [['customer_id', 'last_purchase_date', 'monetary'], 'transactions'],
    [[], 'transactions']
  ] as [Role[], DatasetKind][])('%j → %s', (roles, kind) => {
    expect(detectKind(roles.map((role) => ({ role })))).toBe(kind);
  });
});

describe('validateMapping', () => {
  const mapping = (
    kind: DatasetKind,
    roles: Role[],
    extra: Partial<ColumnMapping['columns'][number]>[] = []
  ) => ({
    kind,
    columns: roles.map((role, index) => ({
      index,
      header: `c${index}`,
      role,
      type: 'text' as const,
      ...extra[index]
    }))
  });
  it.each([
    ['transactions', ['customer_id', 'date', 'amount'], []],
    [
      'transactions',
      [
        'customer_id',
        'date',
        'quantity',
        'unit_price',
        'dimension',
        'dimension',
        'ignore',
        'ignore'
      ],
      []
    ],
    [
      'transactions',
      ['dimension'],
      [
        { code: 'missing_role', role: 'customer_id' },
        { code: 'missing_role', role: 'date' },
        { code: 'need_amount_or_quantity_price' }
      ]
    ],
    [
      'transactions',
      ['customer_id', 'date', 'quantity'],
      [{ code: 'need_amount_or_quantity_price' }]
    ],
    [
      'transactions',
      ['customer_id', 'date', 'amount', 'amount'],
      [{ code: 'duplicate_role', role: 'amount', columns: [2, 3] }]
    ],
    ['customers', ['customer_id', 'recency_days', 'frequency', 'monetary'], []],
    [
      'customers',
      ['customer_id', 'last_purchase_date', 'frequency', 'monetary', 'first_purchase_date'],
      []
    ],
    // A customer master needs only the id (DOMAIN §7); a summary's purchase columns go together.
    ['customers', ['customer_id', 'owner', 'created_date'], []],
    ['customers', ['customer_name'], [{ code: 'missing_role', role: 'customer_id' }]],
    [
      'customers',
      ['customer_id', 'frequency', 'monetary'],
      [{ code: 'need_last_purchase_or_recency' }]
    ]
  ] as [DatasetKind, Role[], unknown[]][])('%s %j', (kind, roles, problems) => {
    expect(validateMapping(mapping(kind, roles))).toEqual(problems);
  });

  it('needs a date order only for date-role columns that lack one', () => {
    const roles: Role[] = ['customer_id', 'date', 'amount', 'dimension', 'first_purchase_date'];
    const need = { needsDateOrder: true, type: 'date' as const };
    expect(validateMapping(mapping('transactions', roles, [{}, need, {}, need, need]))).toEqual([
      { code: 'date_order_needed', column: 1 },
      { code: 'date_order_needed', column: 4 }
    ]);
    const settled = { ...need, dateOrder: 'mdy' as const };
    const serial = { ...need, excelSerial: true };
    expect(validateMapping(mapping('transactions', roles, [{}, settled, {}, {}, serial]))).toEqual(
      []
    );
  });
});

describe('assignRole', () => {
  const cols = (...roles: Role[]) =>
    roles.map((role, index) => ({ index, header: `c${index}`, role }));
  const rolesAfter = (roles: Role[], index: number, role: Role) =>
    assignRole(cols(...roles), index, role).map((c) => c.role);

  it.each([
    // A single role moves: the column that had it is ignored.
    [['customer_id', 'dimension', 'date'], 1, 'customer_id', ['ignore', 'customer_id', 'date']],
    [
      ['customer_id', 'date', 'amount', 'amount'],
      2,
      'amount',
      ['customer_id', 'date', 'amount', 'ignore']
    ],
    [['date', 'dimension', 'order_id'], 1, 'order_id', ['date', 'order_id', 'ignore']],
    [['customer_name', 'dimension'], 1, 'customer_name', ['ignore', 'customer_name']],
    [
      ['quantity', 'unit_price', 'dimension'],
      2,
      'unit_price',
      ['quantity', 'ignore', 'unit_price']
    ],
    [['monetary', 'frequency', 'dimension'], 2, 'monetary', ['ignore', 'frequency', 'monetary']],
    // A column's old role is simply replaced; nothing else moves.
    [['customer_id', 'date', 'amount'], 2, 'quantity', ['customer_id', 'date', 'quantity']],
    // Dimensions and ignored columns may be many.
    [['dimension', 'dimension', 'date'], 2, 'dimension', ['dimension', 'dimension', 'dimension']],
    [['ignore', 'customer_id'], 1, 'ignore', ['ignore', 'ignore']],
    // Choosing the role a column already has changes nothing.
    [['customer_id', 'date'], 0, 'customer_id', ['customer_id', 'date']]
  ] as [Role[], number, Role, Role[]][])('%j: column %i → %s', (before, index, role, after) => {
    expect(rolesAfter(before, index, role)).toEqual(after);
  });

  it('leaves no duplicate of any single role, whatever is chosen', () => {
    const start = cols('customer_id', 'customer_name', 'date', 'amount', 'order_id', 'dimension');
    for (const role of SINGLE_ROLES) {
      for (let index = 0; index < start.length; index++) {
        const after = assignRole(start, index, role);
        expect(after.filter((c) => c.role === role)).toEqual([
          { index, header: `c${index}`, role }
        ]);
        expect(
          validateMapping({
            kind: 'transactions',
            columns: after.map((c) => ({ ...c, type: 'text' as const }))
          })
        ).not.toContainEqual(expect.objectContaining({ code: 'duplicate_role' }));
      }
    }
  });

  it('keeps the other fields of every column and does not touch its input', () => {
    const before = [
      { index: 0, header: 'masterid', role: 'customer_id' as Role, type: 'integer' as const },
      { index: 1, header: 'sampleid', role: 'dimension' as Role, type: 'integer' as const }
    ];
    const copy = structuredClone(before);
    expect(assignRole(before, 1, 'customer_id')).toEqual([
      { index: 0, header: 'masterid', role: 'ignore', type: 'integer' },
      { index: 1, header: 'sampleid', role: 'customer_id', type: 'integer' }
    ]);
    expect(before).toEqual(copy);
  });
});
