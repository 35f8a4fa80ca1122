// Web Locks for the worker, with a plain fallback where a browser has none (one tab then).

/** Runs `task` while holding the lock `name`; without Web Locks, runs it at once. */
export function withLock<T>(
  name: string,
  mode: 'shared' | 'exclusive',
  task: () => Promise<T>
): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return task();
  return locks.request(name, { mode }, task) as Promise<T>;
}
