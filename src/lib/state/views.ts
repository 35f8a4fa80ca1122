// The app's views, in navigation order: one route each.
export const VIEWS = [
  { id: 'data', path: '/' },
  { id: 'customers', path: '/customers' },
  { id: 'segments', path: '/segments' }
] as const satisfies readonly { id: string; path: `/${string}` }[];
