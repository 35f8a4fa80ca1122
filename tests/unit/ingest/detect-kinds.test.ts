// The mapping step proposes each dataset kind of DOMAIN §7 from Chinese and English headers, with
// the roles of that kind; orders stay orders even when they carry scores or a sales rep.
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { mappingFromGuesses, validateMapping } from '../../../src/lib/ingest/detect-roles';
import type { DatasetKind, Role } from '../../../src/lib/ingest/types';

async function inspect(lines: string[]) {
  return inspectFile(new File([lines.join('\n')], 'x.csv', { type: 'text/csv' }));
}

/** header → role of the guesses the mapping step starts from for the detected kind. */
async function detect(lines: string[]) {
  const x = await inspect(lines);
  const guesses =
    x.kind === 'transactions'
      ? x.guesses
      : x.kind === 'targets'
        ? x.targetGuesses
        : x.relatedGuesses[x.kind];
  const roles = Object.fromEntries(guesses.map((g) => [g.header, g.role]));
  const problems = validateMapping(mappingFromGuesses(guesses, x.kind));
  return { kind: x.kind, roles, problems, confident: x.confident };
}

const CASES: { name: string; kind: DatasetKind; lines: string[]; roles: Record<string, Role> }[] = [
  {
    name: 'a Chinese customer master',
    kind: 'customers',
    lines: [
      '客户编号,客户名称,负责人,行业,区域,建档日期,状态,生日,会员等级,信用额度,联系人,电话,邮箱',
      'C001,甲公司,张伟,制造业,华东,2023-01-05,合作中,1980-05-06,金卡,50000,李四,13800000000,a@b.cn',
      'C002,乙公司,王芳,零售,华南,2024-03-01,潜在,,银卡,"100,000",王五,13900000000,'
    ],
    roles: {
      客户编号: 'customer_id',
      客户名称: 'customer_name',
      负责人: 'owner',
      行业: 'dimension',
      区域: 'dimension',
      建档日期: 'created_date',
      状态: 'status',
      生日: 'birthday',
      会员等级: 'dimension',
      信用额度: 'credit_limit',
      联系人: 'dimension',
      电话: 'dimension',
      邮箱: 'dimension'
    }
  },
  {
    name: 'a Chinese master with 所属销售 and 创建日期',
    kind: 'customers',
    lines: [
      '客户编号,客户名称,所属销售,创建日期',
      'C001,甲,张伟,2023/1/5',
      'C002,乙,王芳,2024/3/1'
    ],
    roles: {
      客户编号: 'customer_id',
      客户名称: 'customer_name',
      所属销售: 'owner',
      创建日期: 'created_date'
    }
  },
  {
    name: 'an English customer master',
    kind: 'customers',
    lines: [
      'Customer ID,Name,Owner,Created,Status,Birthday,Credit limit,Contact,Phone,Email',
      'C1,Acme,Ann,2023-01-05,active,1980-05-06,5000,Bob,555-1234,bob@acme.com',
      'C2,Bolt,Ben,2024-03-01,prospect,,,Cy,555-9876,'
    ],
    roles: {
      'Customer ID': 'customer_id',
      Name: 'customer_name',
      Owner: 'owner',
      Created: 'created_date',
      Status: 'status',
      Birthday: 'birthday',
      'Credit limit': 'credit_limit',
      Contact: 'dimension',
      Phone: 'dimension',
      Email: 'dimension'
    }
  },
  {
    name: 'Chinese survey responses',
    kind: 'feedback',
    lines: [
      '客户编号,调查日期,满意度,NPS,评价,渠道',
      'C001,2025-03-01,4,9,交货及时,电话',
      'C002,2025-03-02,2,5,价格偏高,微信'
    ],
    roles: {
      客户编号: 'customer_id',
      调查日期: 'date',
      满意度: 'satisfaction',
      NPS: 'nps',
      评价: 'comment',
      渠道: 'dimension'
    }
  },
  {
    name: 'Chinese survey responses with 回复日期/评分/推荐意愿/意见',
    kind: 'feedback',
    lines: [
      '客户编号,回复日期,评分,推荐意愿,意见',
      'C001,2025/3/1,5,10,很好',
      'C002,2025/3/2,3,7,'
    ],
    roles: {
      客户编号: 'customer_id',
      回复日期: 'date',
      评分: 'satisfaction',
      推荐意愿: 'nps',
      意见: 'comment'
    }
  },
  {
    name: 'English survey responses',
    kind: 'feedback',
    lines: [
      'Customer ID,Survey date,CSAT,NPS,Comment',
      'C1,2025-03-01,4,9,fast delivery',
      'C2,2025-03-02,2,5,too expensive'
    ],
    roles: {
      'Customer ID': 'customer_id',
      'Survey date': 'date',
      CSAT: 'satisfaction',
      NPS: 'nps',
      Comment: 'comment'
    }
  },
  {
    name: 'Chinese complaints',
    kind: 'complaints',
    lines: [
      '客户编号,投诉日期,投诉类型,处理状态,解决日期,处理人,投诉内容',
      'C001,2025-03-01,产品质量,已解决,2025-03-04,刘敏,设备无法开机',
      'C002,2025-03-02,交付延迟,处理中,,陈晨,晚了一周'
    ],
    roles: {
      客户编号: 'customer_id',
      投诉日期: 'opened_date',
      投诉类型: 'complaint_type',
      处理状态: 'status',
      解决日期: 'resolved_date',
      处理人: 'owner',
      投诉内容: 'comment'
    }
  },
  {
    name: 'English complaints',
    kind: 'complaints',
    lines: [
      'Customer ID,Opened,Complaint type,Status,Resolved,Handler,Comment',
      'C1,2025-03-01,quality,closed,2025-03-04,Ann,broken',
      'C2,2025-03-02,delivery,open,,Bob,late'
    ],
    roles: {
      'Customer ID': 'customer_id',
      Opened: 'opened_date',
      'Complaint type': 'complaint_type',
      Status: 'status',
      Resolved: 'resolved_date',
      Handler: 'owner',
      Comment: 'comment'
    }
  },
  {
    name: 'Chinese receivables',
    kind: 'receivables',
    lines: [
      '客户编号,发票号,开票日期,到期日,应收金额,已付金额,付款日期',
      'C001,FP001,2025-01-05,2025-02-04,10000,4000,2025-02-01',
      'C002,FP002,2025-01-06,2025-02-05,2000,,'
    ],
    roles: {
      客户编号: 'customer_id',
      发票号: 'invoice_no',
      开票日期: 'invoice_date',
      到期日: 'due_date',
      应收金额: 'amount',
      已付金额: 'paid_amount',
      付款日期: 'paid_date'
    }
  },
  {
    name: 'English receivables',
    kind: 'receivables',
    lines: [
      'Customer ID,Invoice,Due date,Amount due,Paid',
      'C1,INV-1,2025-02-04,100.50,40',
      'C2,INV-2,2025-02-05,20,'
    ],
    roles: {
      'Customer ID': 'customer_id',
      Invoice: 'invoice_no',
      'Due date': 'due_date',
      'Amount due': 'amount',
      Paid: 'paid_amount'
    }
  },
  {
    name: 'orders carrying satisfaction, NPS and a sales rep',
    kind: 'transactions',
    lines: [
      '订单号,订单日期,客户编号,订单金额,满意度,NPS,负责人',
      'SO1,2025-03-01,C001,1000,4,9,张伟',
      'SO2,2025-03-02,C002,2000,2,5,王芳'
    ],
    roles: {
      订单号: 'order_id',
      订单日期: 'date',
      客户编号: 'customer_id',
      订单金额: 'amount',
      满意度: 'satisfaction',
      NPS: 'nps',
      负责人: 'dimension'
    }
  },
  {
    name: 'Online Retail-style invoices (an invoice number and date, no due date)',
    kind: 'transactions',
    lines: [
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26,2.55,17850,United Kingdom',
      '536366,22633,HAND WARMER,6,2010-12-01 08:28,1.85,17850,United Kingdom'
    ],
    roles: { InvoiceNo: 'order_id', InvoiceDate: 'date', CustomerID: 'customer_id' }
  },
  {
    name: 'a per-customer summary with satisfaction (analysed itself)',
    kind: 'customers',
    lines: [
      '客户编号,最近购买日期,购买次数,累计消费金额,满意度',
      'C001,2025-03-01,3,1000,4',
      'C002,2025-01-02,1,200,2'
    ],
    roles: {
      客户编号: 'customer_id',
      最近购买日期: 'last_purchase_date',
      购买次数: 'frequency',
      累计消费金额: 'monetary',
      满意度: 'satisfaction'
    }
  }
];

describe('detecting the dataset kind', () => {
  it.each(CASES)('$name → $kind', async ({ kind, lines, roles }) => {
    const found = await detect(lines);
    expect(found.kind).toBe(kind);
    expect(found.roles).toMatchObject(roles);
    expect(found.problems).toEqual([]);
  });

  it('is sure of a related kind only when its required columns have known headers', async () => {
    expect((await detect(CASES[6].lines)).confident).toBe(true);
    const vague = await detect([
      '客户编号,时间,满意,NPS',
      'C001,2025-03-01,4,9',
      'C002,2025-03-02,2,5'
    ]);
    expect(vague.kind).toBe('feedback');
    expect(vague.roles).toMatchObject({ 时间: 'date', 满意: 'satisfaction' });
    expect(vague.confident).toBe(false);
  });

  it('a master needs only the customer id; a summary without recency is still asked for one', () => {
    const master = mappingFromGuesses(
      [{ index: 0, header: 'id', role: 'customer_id', type: 'text', confidence: 'high' }],
      'customers'
    );
    expect(validateMapping(master)).toEqual([]);
    const summary = mappingFromGuesses(
      [
        { index: 0, header: 'id', role: 'customer_id', type: 'text', confidence: 'high' },
        { index: 1, header: 'f', role: 'frequency', type: 'integer', confidence: 'high' },
        { index: 2, header: 'm', role: 'monetary', type: 'number', confidence: 'high' }
      ],
      'customers'
    );
    expect(validateMapping(summary)).toEqual([{ code: 'need_last_purchase_or_recency' }]);
    const complaints = mappingFromGuesses(
      [{ index: 0, header: 'id', role: 'customer_id', type: 'text', confidence: 'high' }],
      'complaints'
    );
    expect(validateMapping(complaints)).toEqual([{ code: 'missing_role', role: 'opened_date' }]);
  });
});
