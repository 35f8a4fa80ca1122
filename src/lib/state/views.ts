// The app's views, in navigation order: one route each.
export const VIEWS = [
  { id: 'data', path: '/', group: 'now' },
  { id: 'overview', path: '/overview', group: 'now' },
  { id: 'calls', path: '/calls', group: 'now' },
  { id: 'rfm', path: '/rfm', group: 'now' },
  { id: 'quadrant', path: '/quadrant', group: 'now' },
  { id: 'tiers', path: '/tiers', group: 'now' },
  { id: 'breakdowns', path: '/breakdowns', group: 'now' },
  { id: 'distributions', path: '/distributions', group: 'now' },
  { id: 'customers', path: '/customers', group: 'now' },
  { id: 'segments', path: '/segments', group: 'now' },
  { id: 'sql', path: '/sql', group: 'now' },
  { id: 'trends', path: '/trends', group: 'time' },
  { id: 'cohorts', path: '/cohorts', group: 'time' },
  { id: 'lifecycle', path: '/lifecycle', group: 'time' },
  { id: 'migration', path: '/migration', group: 'time' },
  { id: 'clv', path: '/clv', group: 'time' },
  { id: 'churn', path: '/churn', group: 'time' },
  { id: 'risks', path: '/risks', group: 'time' },
  { id: 'targets', path: '/targets', group: 'team' },
  { id: 'scorecard', path: '/scorecard', group: 'team' },
  { id: 'relationship', path: '/relationship', group: 'relationship' },
  { id: 'satisfaction', path: '/satisfaction', group: 'relationship' },
  { id: 'complaints', path: '/complaints', group: 'relationship' },
  { id: 'profit', path: '/profit', group: 'relationship' }
] as const satisfies readonly {
  id: string;
  path: `/${string}`;
  /**
   * Navigation row: who the customers are now, how they change over time, how the team does, or
   * the relationship beyond the orders (master, surveys, complaints, profit).
   */
  group: 'now' | 'time' | 'team' | 'relationship';
}[];

export const VIEW_GROUPS = ['now', 'time', 'team', 'relationship'] as const;
