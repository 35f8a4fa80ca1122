// The currency of an amount column from its header and raw cells (GLOSSARY.md "Writing numbers").
import { describe, expect, it } from 'vitest';
import { detectCurrency, type Currency } from '../../../src/lib/ingest/currency';

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
