// Money as the views write it: the page's language with the currency of the dataset they analyse.
import { formatMoney, formatMoneyShort, getI18n, type Currency, type I18n } from '$lib/i18n';
import { getDatasets, type Datasets } from './datasets.svelte';

/**
 * Formats amounts of the active dataset (GLOSSARY "Writing numbers"). Reactive where it is read:
 * each call reads the language and the dataset's currency, so a template re-renders when either
 * changes. The methods are bound, to be passed on as they are (`label={money.compact}`).
 */
export class MoneyFormat {
  constructor(
    private i18n: I18n,
    /** Whose currency: the active dataset's (or any dataset's, e.g. the orders a view reads). */
    private datasets: Pick<Datasets, 'active'>
  ) {}

  /** The active dataset's currency; null: amounts are plain numbers. */
  get currency(): Currency | null {
    return this.datasets.active?.currency ?? null;
  }

  /** The exact amount, as tables and tooltips show it: ¥1,234.50, ¥12,346; null → —. */
  exact = (n: number | null | undefined): string =>
    n === null || n === undefined ? '—' : formatMoney(this.i18n.locale, n, this.currency);

  /** The headline amount (KPI tiles, chart labels, sentences): ¥1.23亿, £8.3M; null → —. */
  compact = (n: number | null | undefined): string =>
    n === null || n === undefined
      ? '—'
      : formatMoney(this.i18n.locale, n, this.currency, { compact: true });

  /** The shortest label, for small chart cells and legends (¥1.2万, $4.5K); null → ''. */
  short = (n: number | null | undefined, significant = 3): string =>
    n === null || n === undefined
      ? ''
      : formatMoneyShort(this.i18n.locale, n, this.currency, significant);
}

/** The money format of the page (call while a component initialises). */
export function getMoney(): MoneyFormat {
  return new MoneyFormat(getI18n(), getDatasets());
}
