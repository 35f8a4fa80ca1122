// The report charts' shapes: one row of a bar chart.

/** One row: its label, and per series its value and the text written beside the bar. */
export interface BarRow {
  label: string;
  values: number[];
  texts: string[];
}
