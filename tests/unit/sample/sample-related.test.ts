// The sample's customer master, survey responses and complaints: deterministic, the promised
// sizes, prospects and unmatched survey ids present, and scores that follow the customers' behaviour.
import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../scripts/generate-sample.js';
import {
  COMPLAINTS_HEADER,
  FEEDBACK_HEADER,
  MASTER_HEADER,
  PROSPECTS,
  SAMPLE_AS_OF,
  complaintsToCsv,
  createRelatedCollector,
  feedbackToCsv,
  masterToCsv,
  sampleRelated
} from '../../../scripts/sample-related.js';

const rows = generateSample();
const collector = createRelatedCollector();
for (const r of rows) collector.add(r);
const customers = collector.result();
const { master, feedback, complaints } = sampleRelated(customers, 20250101);
const orderIds = new Set(rows.map((r) => r.customerId));
const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;

describe('the sample master, surveys and complaints', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const again = sampleRelated(collector.result(), 20250101);
    expect(masterToCsv(again.master)).toBe(masterToCsv(master));
    expect(feedbackToCsv(again.feedback)).toBe(feedbackToCsv(feedback));
    expect(complaintsToCsv(again.complaints)).toBe(complaintsToCsv(complaints));
    expect(feedbackToCsv(sampleRelated(customers, 7).feedback)).not.toBe(feedbackToCsv(feedback));
  });

  it('the master has every ordering customer once, their owner, and 300 prospects from 2025', () => {
    expect(master).toHaveLength(3_000 + PROSPECTS);
    expect(new Set(master.map((m) => m.id)).size).toBe(master.length);
    const buyers = master.filter((m) => !m.isProspect);
    expect(new Set(buyers.map((m) => m.id))).toEqual(orderIds);
    const prospects = master.filter((m) => m.isProspect);
    expect(prospects).toHaveLength(300);
    expect(prospects.every((p) => !orderIds.has(p.id) && p.created.startsWith('2025'))).toBe(true);
    // The owner is the rep on the customer's latest order.
    const latestRep = new Map<string, string>();
    for (const r of rows) latestRep.set(r.customerId, r.salesRep);
    expect(buyers.every((m) => m.owner === latestRep.get(m.id))).toBe(true);
    // Created before the first order or around it (at most 5 days after, typed in late).
    const first = new Map<string, string>();
    for (const r of rows)
      if (r.amountCents > 0 && !first.has(r.customerId)) first.set(r.customerId, r.date);
    expect(buyers.every((m) => daysBetween(first.get(m.id)!, m.created) <= 5)).toBe(true);
    expect(buyers.filter((m) => m.created < '2023-01-01').length).toBeGreaterThan(500);
  });

  it('writes the master with the Chinese headers, an empty cell where a value is unknown', () => {
    const csv = masterToCsv(master);
    expect(csv.startsWith(`\uFEFF${MASTER_HEADER.join(',')}\n`)).toBe(true);
    expect(MASTER_HEADER).toEqual([
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
    ]);
    const prospect = master.find((m) => m.isProspect)!;
    expect(csv).toContain(`\n${prospect.id},${prospect.name},${prospect.owner},`);
    expect(csv.split('\n').length).toBe(master.length + 2);
  });

  it('survey responses: scores in range, some naming customers without orders, comments with frequent phrases', () => {
    expect(FEEDBACK_HEADER).toEqual(['客户编号', '调查日期', '满意度', 'NPS', '评价']);
    expect(feedback.length).toBeGreaterThan(800);
    expect(feedback.length).toBeLessThan(2_000);
    expect(feedback.every((f) => f.csat >= 1 && f.csat <= 5 && Number.isInteger(f.csat))).toBe(
      true
    );
    expect(feedback.every((f) => f.nps >= 0 && f.nps <= 10 && Number.isInteger(f.nps))).toBe(true);
    expect(feedback.every((f) => f.date >= '2024-01-01' && f.date < SAMPLE_AS_OF)).toBe(true);
    const unmatched = feedback.filter((f) => !orderIds.has(f.customerId));
    expect(unmatched.length).toBe(37); // 25 prospects and 12 ids nobody has
    const prospectIds = new Set(master.filter((m) => m.isProspect).map((m) => m.id));
    expect(unmatched.filter((f) => prospectIds.has(f.customerId))).toHaveLength(25);
    const withComment = feedback.filter((f) => f.comment !== '');
    expect(withComment.length / feedback.length).toBeGreaterThan(0.5);
    for (const phrase of ['交货及时', '价格偏高', '服务态度好', '质量稳定', '售后响应慢'])
      expect(withComment.filter((f) => f.comment.includes(phrase)).length).toBeGreaterThan(20);
  });

  it('lapsed customers (no purchase in the last 180 days) answer worse', () => {
    const last = new Map<string, string>();
    for (const r of rows) if (r.amountCents > 0) last.set(r.customerId, r.date);
    const isLapsed = (id: string) => daysBetween(last.get(id)!, SAMPLE_AS_OF) > 180;
    const csat = (list: typeof feedback) => list.filter((f) => f.csat >= 4).length / list.length;
    const nps = (list: typeof feedback) =>
      (list.filter((f) => f.nps >= 9).length - list.filter((f) => f.nps <= 6).length) / list.length;
    const matched = feedback.filter((f) => orderIds.has(f.customerId));
    const lapsed = matched.filter((f) => isLapsed(f.customerId));
    const active = matched.filter((f) => !isLapsed(f.customerId));
    expect(lapsed.length).toBeGreaterThan(100);
    expect(csat(active)).toBeGreaterThan(csat(lapsed) + 0.15);
    expect(nps(active)).toBeGreaterThan(nps(lapsed) + 0.2);
  });

  it('complaints: open ones have no resolved date, some open longer than 7 days, resolved after opened', () => {
    expect(COMPLAINTS_HEADER).toEqual([
      '客户编号',
      '投诉日期',
      '投诉类型',
      '处理状态',
      '解决日期',
      '处理人',
      '投诉内容'
    ]);
    expect(complaints.length).toBeGreaterThan(300);
    expect(complaints.every((c) => orderIds.has(c.customerId))).toBe(true);
    expect(complaints.every((c) => c.resolved === '' || c.resolved >= c.opened)).toBe(true);
    const open = complaints.filter((c) => c.resolved === '');
    expect(open.every((c) => c.status === '处理中' || c.status === '待处理')).toBe(true);
    expect(open.filter((c) => daysBetween(c.opened, SAMPLE_AS_OF) > 7).length).toBeGreaterThan(5);
    const statuses = new Set(complaints.map((c) => c.status));
    expect(statuses).toEqual(new Set(['已解决', '已关闭', '处理中', '待处理']));
    // A status the CRM forgot to update: the resolved date is there, so it is resolved.
    expect(complaints.some((c) => c.status === '处理中' && c.resolved !== '')).toBe(true);
  });
});
