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
  { id: 'lifecycle', path: '/lifecycle' },
  { id: 'cohorts', path: '/cohorts' },
  { id: 'trends', path: '/trends' },
  { id: 'customers', path: '/customers' },
  { id: 'segments', path: '/segments' }
] as const satisfies readonly { id: string; path: `/${string}` }[];
