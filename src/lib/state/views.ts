// The app's views, in navigation order: one route each.
export const VIEWS = [
  { id: 'data', path: '/' },
  { id: 'overview', path: '/overview' },
  { id: 'rfm', path: '/rfm' },
  { id: 'quadrant', path: '/quadrant' },
  { id: 'tiers', path: '/tiers' },
  { id: 'breakdowns', path: '/breakdowns' },
  { id: 'distributions', path: '/distributions' },
  { id: 'clv', path: '/clv' },
  { id: 'churn', path: '/churn' },
  { id: 'customers', path: '/customers' },
  { id: 'segments', path: '/segments' },
  { id: 'migration', path: '/migration' }
] as const satisfies readonly { id: string; path: `/${string}` }[];
