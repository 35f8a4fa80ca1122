// A period as people read it: 2025年3月 / Mar 2025, 2025年第1季度 / Q1 2025, 2025年 / 2025.
import { formatMonth, type Locale } from '$lib/i18n';
import type { Period } from '$lib/analysis/period';

/** The period's name in `locale` (months through the shared month format). */
export function periodLabel(locale: Locale, p: Period): string {
  const year = p.key.slice(0, 4);
  if (p.grain === 'month') return formatMonth(locale, p.key);
  if (p.grain === 'quarter') {
    const q = p.key.slice(6);
    return locale === 'zh-CN' ? `${year}年第${q}季度` : `Q${q} ${year}`;
  }
  return locale === 'zh-CN' ? `${year}年` : year;
}
