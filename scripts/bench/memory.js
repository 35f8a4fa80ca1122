// Resident memory of Chromium's process tree, sampled while a run goes on.
import { readFileSync, readdirSync } from 'node:fs';

const PAGE = 4096;
/** Linux's clock ticks per second (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** Child processes of `pid` (every thread's children file: Chromium forks from several threads). */
function childrenOf(pid) {
  const out = [];
  let tasks;
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // ended while we looked
  }
  for (const tid of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const c of text.split(' ')) out.push(Number(c));
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** Resident memory (bytes) of `rootPid` and all its descendants. */
export function treeRss(rootPid) {
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = /** @type {number} */ (stack.pop());
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      continue; // ended while we looked
    }
    stack.push(...childrenOf(pid));
  }
  return total;
}

/** The same by a scan of every process (slow; a check of `treeRss`). */
export function treeRssByScan(rootPid) {
  const children = new Map();
  const rss = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      rss.set(Number(pid), Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      // ended while we looked
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** CPU seconds (user + system, with reaped children's) used so far by the process tree. */
export function treeCpu(rootPid) {
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = /** @type {number} */ (stack.pop());
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name.
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      continue; // ended while we looked
    }
    stack.push(...childrenOf(pid));
  }
  return ticks / TICKS_PER_SECOND;
}

/** @typedef {ReturnType<typeof startSampler>} Sampler */

/**
 * Samples `treeRss(rootPid)` every `ms` until stopped; `peak()` is the largest seen so far,
 * `cpu()` the tree's CPU seconds since the start (a measure of work that a busy machine stretches
 * less than wall time).
 */
export function startSampler(rootPid, ms = 100) {
  let peak = treeRss(rootPid);
  const cpu0 = treeCpu(rootPid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(rootPid))), ms);
  let cpuAtStop = /** @type {number | null} */ (null);
  return {
    peak: () => (peak = Math.max(peak, treeRss(rootPid))),
    cpu: () => +((cpuAtStop ?? treeCpu(rootPid)) - cpu0).toFixed(2),
    stop() {
      clearInterval(timer);
      if (cpuAtStop === null) cpuAtStop = treeCpu(rootPid);
      return (peak = Math.max(peak, treeRss(rootPid)));
    }
  };
}
