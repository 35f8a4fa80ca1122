// The sheet an XLSX export adds when a filter was in force: each condition and what it kept.
import { isFilterActive, type DataFilter } from '$lib/analysis/data-filter';
import { describeRange, filterWord, valueLabel } from '$lib/i18n/filter-words';
import { formatList } from '$lib/i18n/format';
import type { XlsxSheet } from './xlsx';

/** The filter as a sheet (dimension header → values kept; the dates), or undefined without one. */
export function filterSheet(
  f: DataFilter | null,
  dimensions: readonly { name: string; header: string }[],
  locale: 'en' | 'zh-CN'
): XlsxSheet | undefined {
  if (!isFilterActive(f)) return undefined;
  const rows = f.dims
    .filter((d) => d.values.length > 0)
    .map((d) => [
      dimensions.find((x) => x.name === d.column)?.header ?? d.column,
      formatList(
        locale,
        d.values.map((v) => valueLabel(locale, v))
      )
    ]);
  if (f.from || f.to)
    rows.push([filterWord(locale, 'filter.dateRange'), describeRange(locale, f.from, f.to)]);
  return {
    name: filterWord(locale, 'filter.sheet'),
    header: [filterWord(locale, 'filter.sheetColumn'), filterWord(locale, 'filter.sheetValue')],
    rows
  };
}
