// Two-column Sankey layout (pure): node boxes proportional to value, link bands that never cross needlessly.

/** A node of one column, in display order (top to bottom). */
export interface SankeyNodeInput {
  id: string;
  value: number;
}

/** A link from a left node to a right node. */
export interface SankeyLinkInput {
  source: string;
  target: string;
  value: number;
}

export interface SankeyOptions {
  /** Plot width and height in pixels. */
  width: number;
  height: number;
  /** Width of a node box. */
  nodeWidth?: number;
  /** Vertical gap between nodes of a column. */
  nodePadding?: number;
}

/** A placed node box. */
export interface SankeyNode {
  id: string;
  side: 'left' | 'right';
  value: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A placed link band: its top and bottom at both ends. */
export interface SankeyLink {
  source: string;
  target: string;
  value: number;
  /** Top and bottom at the source node's right edge. */
  sy0: number;
  sy1: number;
  /** Top and bottom at the target node's left edge. */
  ty0: number;
  ty1: number;
  /** Closed SVG path of the band (two cubic curves). */
  path: string;
}

export interface SankeyLayout {
  left: SankeyNode[];
  right: SankeyNode[];
  links: SankeyLink[];
  /** Pixels per unit of value (the same in both columns). */
  scale: number;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The band between (x0, sy0..sy1) and (x1, ty0..ty1), curving halfway. */
export function bandPath(x0: number, x1: number, l: Omit<SankeyLink, 'path'>): string {
  const xm = round((x0 + x1) / 2);
  const [a, b] = [round(x0), round(x1)];
  return (
    `M${a},${round(l.sy0)}C${xm},${round(l.sy0)} ${xm},${round(l.ty0)} ${b},${round(l.ty0)}` +
    `L${b},${round(l.ty1)}C${xm},${round(l.ty1)} ${xm},${round(l.sy1)} ${a},${round(l.sy1)}Z`
  );
}

/**
 * Lays out two columns: nodes keep the given order, boxes are `value × scale` tall with one scale
 * for both columns (the largest that fits both), and each column is centred vertically. At a node,
 * its links are stacked in the order of the nodes at their other end, so links that share a node
 * never cross each other. Nodes and links with a value ≤ 0 are left out.
 */
export function layoutSankey(
  leftNodes: readonly SankeyNodeInput[],
  rightNodes: readonly SankeyNodeInput[],
  links: readonly SankeyLinkInput[],
  options: SankeyOptions
): SankeyLayout {
  const nodeWidth = options.nodeWidth ?? 14;
  const padding = options.nodePadding ?? 8;
  const { width, height } = options;
  const leftIn = leftNodes.filter((n) => n.value > 0);
  const rightIn = rightNodes.filter((n) => n.value > 0);
  const fit = (nodes: readonly SankeyNodeInput[]) => {
    const total = nodes.reduce((s, n) => s + n.value, 0);
    const room = height - padding * Math.max(0, nodes.length - 1);
    return total > 0 ? Math.max(0, room) / total : Infinity;
  };
  const fitted = Math.min(fit(leftIn), fit(rightIn));
  const scale = Number.isFinite(fitted) ? fitted : 0;

  const place = (nodes: readonly SankeyNodeInput[], side: 'left' | 'right'): SankeyNode[] => {
    const used =
      nodes.reduce((s, n) => s + n.value * scale, 0) + padding * Math.max(0, nodes.length - 1);
    let y = Math.max(0, (height - used) / 2);
    const x0 = side === 'left' ? 0 : width - nodeWidth;
    return nodes.map((n) => {
      const node = { id: n.id, side, value: n.value, x0, x1: x0 + nodeWidth, y0: y, y1: 0 };
      y += n.value * scale;
      node.y1 = y;
      y += padding;
      return node;
    });
  };
  const left = place(leftIn, 'left');
  const right = place(rightIn, 'right');
  const leftIndex = new Map(left.map((n, i) => [n.id, i]));
  const rightIndex = new Map(right.map((n, i) => [n.id, i]));
  const kept = links.filter(
    (l) => l.value > 0 && leftIndex.has(l.source) && rightIndex.has(l.target)
  );

  // Out of a source: by target order; into a target: by source order.
  const sourceY = new Map(left.map((n) => [n.id, n.y0]));
  const targetY = new Map(right.map((n) => [n.id, n.y0]));
  const placed = new Map<SankeyLinkInput, Omit<SankeyLink, 'path'>>();
  for (const l of [...kept].sort(
    (a, b) =>
      leftIndex.get(a.source)! - leftIndex.get(b.source)! ||
      rightIndex.get(a.target)! - rightIndex.get(b.target)!
  )) {
    const sy0 = sourceY.get(l.source)!;
    sourceY.set(l.source, sy0 + l.value * scale);
    placed.set(l, {
      source: l.source,
      target: l.target,
      value: l.value,
      sy0,
      sy1: sy0 + l.value * scale,
      ty0: 0,
      ty1: 0
    });
  }
  for (const l of [...kept].sort(
    (a, b) =>
      rightIndex.get(a.target)! - rightIndex.get(b.target)! ||
      leftIndex.get(a.source)! - leftIndex.get(b.source)!
  )) {
    const p = placed.get(l)!;
    p.ty0 = targetY.get(l.target)!;
    p.ty1 = p.ty0 + l.value * scale;
    targetY.set(l.target, p.ty1);
  }
  const x0 = nodeWidth;
  const x1 = width - nodeWidth;
  return {
    left,
    right,
    links: kept.map((l) => {
      const p = placed.get(l)!;
      return { ...p, path: bandPath(x0, x1, p) };
    }),
    scale
  };
}

/**
 * Label positions for nodes centred at `ys` (in display order): each at least `gap` below the
 * previous, kept within [min, max] where possible, moved as little as the ordering allows.
 */
export function dodgeLabels(
  ys: readonly number[],
  gap: number,
  min: number,
  max: number
): number[] {
  const out = [...ys];
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(out[i], i === 0 ? min : out[i - 1] + gap);
  }
  // Pushed past the bottom: pull back up, keeping the gaps.
  for (let i = out.length - 1; i >= 0; i--) {
    const limit = i === out.length - 1 ? max : out[i + 1] - gap;
    if (out[i] > limit) out[i] = limit;
  }
  return out;
}
