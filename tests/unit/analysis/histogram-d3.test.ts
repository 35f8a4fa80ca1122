// `histogram` counts values into the bins d3.bin makes (its documented nice domain and thresholds)
// without d3's arrays of values per bin: the same edges and counts on awkward inputs.
import { bin, thresholdSturges } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { histogram } from '$lib/analysis/concentration';

/** d3.bin over the kept values (finite; > 0 in log10 when `log`), as edges and counts. */
function d3Histogram(values: number[], options: { bins?: number; log?: boolean }) {
  const isLog = options.log ?? false;
  const kept = values
    .filter((x) => Number.isFinite(x) && (!isLog || x > 0))
    .map((x) => (isLog ? Math.log10(x) : x));
  if (kept.length === 0) return { edges: [], counts: [] };
  const groups = bin<number, number>().thresholds(options.bins ?? thresholdSturges(kept))(kept);
  const raw = (x: number) => (isLog ? 10 ** x : x);
  return {
    edges: [raw(groups[0].x0!), ...groups.map((g) => raw(g.x1!))],
    counts: groups.map((g) => g.length)
  };
}

let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

const cases: [string, number[]][] = [
  ['one value', [42]],
  ['all equal', Array(50).fill(3.5)],
  ['integers with ties', Array.from({ length: 500 }, () => 1 + Math.floor(random() * 30))],
  ['money', Array.from({ length: 2000 }, () => Math.round(random() ** 3 * 1e8) / 100)],
  ['negative and positive', Array.from({ length: 300 }, () => (random() - 0.3) * 5000)],
  ['tiny spread', Array.from({ length: 100 }, () => 1 + random() * 1e-9)],
  ['with NaN and infinities', [1, 2, NaN, Infinity, -Infinity, 5, 9, 0, -3]]
];

describe('histogram: the bins of d3.bin', () => {
  for (const [name, values] of cases) {
    for (const options of [{}, { bins: 30 }, { log: true }, { bins: 7, log: true }]) {
      it(`${name} ${JSON.stringify(options)}`, () => {
        const h = histogram(values, options);
        const ref = d3Histogram(values, options);
        expect({ edges: h.edges, counts: h.counts }).toEqual(ref);
      });
    }
  }
});
