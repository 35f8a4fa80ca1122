// The churn lists' export: glossary names, stable headers, numbers rounded by what they hold.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import type { ChurnList, ChurnRow } from '../../../src/lib/db/protocol';
import { exportChurnList } from '../../../src/lib/worker/churn-service';

const row: ChurnRow = {
  customerId: 'C1',
  customerName: '上海星辰',
  owner: '李娜',
  region: '上海',
  segment: 'champions',
  abc: 'A',
  recencyDays: 40,
  frequency: 6,
  monetary: 375459273.30000013,
  pAlive: 0.30000000000000004,
  expected90: 1.2345678,
  clv: 0.1 + 0.2,
  clvAtStake: -0.000001,
  recentSpend: 12.345,
  usualSpend: 1.2e-15,
  spendShare: 0.123456789
};
const list = (kind: ChurnList['kind']): ChurnList => ({
  kind,
  rows: [row],
  asOf: '2024-07-01',
  calibrationEnd: '2024-06-30'
});
const rules = [...DEFAULT_SEGMENT_RULES];

describe('exportChurnList', () => {
  it('writes the spend-drop list with stable headers and rounded numbers', async () => {
    const csv = await (await exportChurnList(list('spendDrop'), rules, 'csv', 'en')).text();
    const [header, line] = csv.replace('\uFEFF', '').split('\r\n');
    expect(header).toBe(
      'customer_id,customer_name,owner,region,segment,abc_tier,recency_days,frequency,monetary,spend_last_90d,' +
        'avg_90d_spend_prior_year,spend_share,p_alive,expected_purchases_90d,clv,value_at_stake'
    );
    expect(line).toBe(
      'C1,上海星辰,李娜,上海,Champions,A,40,6,375459273.3,12.35,0,0.1235,0.3,1.235,0.3,0'
    );
  });

  it('names segments and the sheet in the UI language, with the glossary list names', async () => {
    const blob = await exportChurnList(list('atRisk'), rules, 'xlsx', 'zh-CN');
    const book = XLSX.read(new Uint8Array(await blob.arrayBuffer()), { type: 'array' });
    expect(book.SheetNames).toEqual(['大概率已流失']);
    const [, first] = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['大概率已流失'], {
      header: 1
    });
    expect(first.slice(0, 5)).toEqual(['C1', '上海星辰', '李娜', '上海', '核心客户']);
    const en = await exportChurnList(list('cannotLose'), rules, 'xlsx', 'en');
    expect(XLSX.read(new Uint8Array(await en.arrayBuffer()), { type: 'array' }).SheetNames).toEqual(
      ['Cannot lose']
    );
  });
});
