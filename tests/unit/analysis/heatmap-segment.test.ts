// Each R × F heatmap cell names the segment most of its customers are in.
import { describe, expect, it } from 'vitest';
import { heatmapCells } from '$lib/analysis/summary';
import type { ScoreColumns } from '$lib/analysis';

type Scored = { rScore: number; fScore: number; segment: string };
const c = (rScore: number, fScore: number, segment: string): Scored => ({
  rScore,
  fScore,
  segment
});

/** The columns of scored customers with only what the heatmap reads. */
function columnsOf(list: Scored[]): ScoreColumns {
  const segmentIds = [...new Set(list.map((x) => x.segment))];
  return {
    count: list.length,
    values: {
      recency: new Float64Array(list.length).fill(5),
      frequency: new Float64Array(list.length).fill(2),
      monetary: new Float64Array(list.length).fill(10)
    },
    rScore: Uint8Array.from(list, (x) => x.rScore),
    fScore: Uint8Array.from(list, (x) => x.fScore),
    mScore: new Uint8Array(list.length),
    segment: Int16Array.from(list, (x) => segmentIds.indexOf(x.segment)),
    segmentIds,
    class8: new Uint8Array(list.length),
    quadrant: new Uint8Array(list.length),
    abc: list.map(() => 'A' as const)
  };
}

describe('heatmapCells: the main segment of a cell', () => {
  const cells = heatmapCells(
    columnsOf([
      c(2, 2, 'champions'),
      c(2, 2, 'loyal'),
      c(2, 2, 'champions'),
      c(1, 2, 'lost'),
      c(1, 2, 'at_risk'),
      c(2, 1, 'new')
    ]),
    2
  );
  const at = (r: number, f: number) => cells.find((x) => x.r === r && x.f === f)!;

  it('takes the segment of most customers, with its share', () => {
    expect([at(2, 2).segment, at(2, 2).segmentShare]).toEqual(['champions', 2 / 3]);
    expect([at(2, 1).segment, at(2, 1).segmentShare]).toEqual(['new', 1]);
  });

  it('breaks a tie by the id first alphabetically; an empty cell has none', () => {
    expect([at(1, 2).segment, at(1, 2).segmentShare]).toEqual(['at_risk', 0.5]);
    expect([at(1, 1).segment, at(1, 1).segmentShare, at(1, 1).count]).toEqual([null, null, 0]);
  });
});
