// Typed contexts: the chart's size and scales for its layers, and the figure's ids for the chart.
import { getContext, hasContext, setContext } from 'svelte';
import type { ColorScale } from './colors';
import type { PositionScale } from './scales';

/** Space around the plot area, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A pointer position inside the plot area (pixels from its top-left corner). */
export interface PlotPoint {
  x: number;
  y: number;
}

/**
 * What every layer reads. Properties are getters over the chart's state, so reading them inside
 * `$derived`/`$effect`/markup is reactive.
 */
export interface ChartContext {
  /** Full chart size in pixels. */
  readonly width: number;
  readonly height: number;
  readonly margin: Margin;
  /** The plot area (inside the margins). */
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly x: PositionScale;
  readonly y: PositionScale;
  /** The chart's colour scale, when it was given one. */
  readonly color: ColorScale | undefined;
  /** Where the pointer is over the plot area, or null. */
  readonly pointer: PlotPoint | null;
  /** Element that canvas layers put their `<canvas>` in (under the SVG, offset to the plot area). */
  readonly canvasHost: HTMLElement | undefined;
}

/** Ids the figure gives the chart's `<svg role="img">` to be labelled and described by. */
export interface FigureContext {
  readonly titleId: string;
  readonly descriptionId: string | undefined;
}

const CHART = Symbol('chart');
const FIGURE = Symbol('chart-figure');

export function setChartContext(context: ChartContext): ChartContext {
  return setContext(CHART, context);
}

/** The enclosing chart's context; throws when a layer is used outside `<Chart>`. */
export function getChartContext(): ChartContext {
  const context = getContext<ChartContext | undefined>(CHART);
  if (!context) throw new Error('Chart layers must be placed inside <Chart>');
  return context;
}

export function setFigureContext(context: FigureContext): FigureContext {
  return setContext(FIGURE, context);
}

/** The enclosing figure's ids; throws outside `<ChartFigure>` (use `hasFigureContext` first). */
export function getFigureContext(): FigureContext {
  const context = getContext<FigureContext | undefined>(FIGURE);
  if (!context) throw new Error('getFigureContext() called outside <ChartFigure>');
  return context;
}

/** True inside `<ChartFigure>`; a bare `<Chart>` then needs its own `label`. */
export function hasFigureContext(): boolean {
  return hasContext(FIGURE);
}
