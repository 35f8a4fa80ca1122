// The headline's figures, in the order the Overview and the report show them.
export const HEADLINE_FIGURES = [
  'revenue',
  'orders',
  'active',
  'newCustomers',
  'repeatRate'
] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];
