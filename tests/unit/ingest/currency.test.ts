// The currency of an amount column from its header and raw cells (GLOSSARY.md "Writing numbers").
import { describe, expect, it } from 'vitest';
import {
  detectCurrency,
  detectFileCurrency,
  type Currency
} from '../../../src/lib/ingest/currency';

describe('detectCurrency', () => {
  it.each<[string, string, string[], Currency | null]>([
    // From the cells.
    ['yen sign', '金额', ['¥1,234.50', '¥88'], 'CNY'],
    ['full-width yen sign', '金额', ['￥1,234.50', '56'], 'CNY'],
    ['元 after the number', '成交金额', ['1,234.50元', '88元'], 'CNY'],
    ['RMB code', 'Amount', ['RMB 1,200', 'rmb 30'], 'CNY'],
    ['CNY code', 'Amount', ['CNY 99.00'], 'CNY'],
    ['dollar sign', 'Sales', ['$1,234.50', '$(12.00)'], 'USD'],
    ['US$', 'Sales', ['US$ 1,000'], 'USD'],
    ['pound sign', 'Revenue', ['£3.75', '-£1.25'], 'GBP'],
    ['euro sign after the number', 'Betrag', ['1.234,50 €', '12,00 €'], 'EUR'],
    ['HK$ is Hong Kong, not US dollars', 'Amount', ['HK$1,200.00', 'HK$5'], 'HKD'],
    ['HKD code', 'Amount', ['HKD 300'], 'HKD'],
    // From the header.
    ['header 金额(元)', '金额(元)', ['1234.5', '88'], 'CNY'],
    ['header 销售额（人民币）', '销售额（人民币）', ['1234.5'], 'CNY'],
    ['header (USD)', 'Sales (USD)', ['1234.5'], 'USD'],
    ['header 美元 (not 元)', '金额（美元）', ['1234.5'], 'USD'],
    ['header 港元 (not 元)', '金额（港元）', ['1234.5'], 'HKD'],
    ['header 欧元 (not 元)', '金额（欧元）', ['1234.5'], 'EUR'],
    ['header 英镑', '金额（英镑）', ['1234.5'], 'GBP'],
    ['header GBP', 'UnitPrice GBP', ['2.55'], 'GBP'],
    ['header and cells agree', 'Amount (¥)', ['¥12'], 'CNY'],
    // Nothing to go on, or not one currency.
    ['plain numbers', 'Amount', ['1234.5', '(12.00)', '1,000'], null],
    ['no cells', '金额', [], null],
    ['codes inside words are not codes', 'EUROPE sales', ['12'], null],
    ['two currencies in the cells', 'Amount', ['$12', '£3'], null],
    ['header and cells disagree', 'Amount (USD)', ['¥12'], null],
    ['another dollar (NT$)', 'Amount', ['NT$1,200'], null],
    ['another dollar (S$)', 'Amount', ['S$12'], null],
    ['日元 is yen, not yuan', '金额（日元）', ['1200'], null],
    ['JP¥ is yen', 'Amount', ['JP¥1,200'], null],
    ['an unnamed currency code', 'Amount (JPY)', ['1200'], null]
  ])('%s', (_label, header, samples, expected) => {
    expect(detectCurrency(header, samples)).toBe(expected);
  });
});

describe('detectFileCurrency', () => {
  const col = (index: number, header: string, role: string) => ({ index, header, role });

  it('reads the money columns only: a ¥ in a note column says nothing', () => {
    const columns = [
      col(0, '客户', 'customer_id'),
      col(1, '备注', 'dimension'),
      col(2, '金额', 'amount')
    ];
    expect(detectFileCurrency(columns, [['C1', '¥ 优惠', '12.5']])).toBeNull();
    expect(detectFileCurrency(columns, [['C1', '', '£12.50']])).toBe('GBP');
  });

  it('reads the header of a money column (订单金额（元）)', () => {
    expect(detectFileCurrency([col(0, '订单金额（元）', 'amount')], [['834.00']])).toBe('CNY');
  });

  it('a unit price column counts, and amount, monetary and unit price must agree', () => {
    const columns = [col(0, 'Quantity', 'quantity'), col(1, 'UnitPrice', 'unit_price')];
    expect(detectFileCurrency(columns, [['6', '€2.55']])).toBe('EUR');
    const both = [col(0, 'Amount', 'amount'), col(1, 'Price (USD)', 'unit_price')];
    expect(detectFileCurrency(both, [['$3', '1.5']])).toBe('USD');
    expect(detectFileCurrency(both, [['£3', '1.5']])).toBeNull();
  });

  it('no money column, or plain numbers: null (the user chooses)', () => {
    expect(detectFileCurrency([col(0, 'CustomerID', 'customer_id')], [['$1']])).toBeNull();
    expect(detectFileCurrency([col(0, 'Sales', 'amount')], [['261.96'], ['731.94']])).toBeNull();
  });
});
