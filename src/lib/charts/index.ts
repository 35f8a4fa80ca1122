// Public face of the chart layer: the frame, the chart, its layers, and the pure helpers they share.
export { default as ChartFigure } from './ChartFigure.svelte';
export { default as Chart } from './Chart.svelte';
export { default as AxisX } from './layers/AxisX.svelte';
export { default as AxisY } from './layers/AxisY.svelte';
export { default as Bars } from './layers/Bars.svelte';
export { default as Brush } from './layers/Brush.svelte';
export { default as Cells } from './layers/Cells.svelte';
export { default as Dots } from './layers/Dots.svelte';
export { default as Legend } from './layers/Legend.svelte';
export { default as Line } from './layers/Line.svelte';
export { default as NearestPoint } from './layers/NearestPoint.svelte';
export { default as Rule } from './layers/Rule.svelte';
export { default as Tooltip } from './layers/Tooltip.svelte';
export * from './scales';
export * from './colors';
export * from './context';
export * from './table';
export type { BrushExtent, Hit, NearestMode } from './hit-test';
