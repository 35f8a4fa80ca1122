// The report's own style sheet: the same text styles the /report page and is written into the file,
// so the page, its print and the downloaded file look alike. System fonts only (no web font).
export const REPORT_CSS = `
.boss-report { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2937; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
.boss-report h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
.boss-report h2 { font-size: 1.2rem; margin: 0 0 0.6rem; border-bottom: 2px solid #1d4ed8; padding-bottom: 0.2rem; }
.boss-report h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
.boss-report .rpt-sub { color: #4b5563; margin: 0 0 1rem; }
.boss-report section { margin: 0 0 1.6rem; break-inside: auto; }
.boss-report figure { margin: 0.6rem 0 1rem; break-inside: avoid; }
.boss-report figcaption { font-weight: 600; font-size: 0.9rem; margin-bottom: 0.3rem; }
.boss-report svg { max-width: 100%; height: auto; display: block; }
.boss-report table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.4rem 0 0.8rem; break-inside: auto; }
.boss-report th, .boss-report td { border-bottom: 1px solid #e5e7eb; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
.boss-report th { background: #f3f4f6; font-weight: 600; }
.boss-report td.num, .boss-report th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.boss-report tr { break-inside: avoid; }
.boss-report .rpt-kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.5rem; margin: 0.5rem 0 1rem; }
.boss-report .rpt-kpi { border: 1px solid #d1d5db; border-radius: 6px; padding: 0.45rem 0.6rem; break-inside: avoid; }
.boss-report .rpt-kpi .rpt-label { color: #4b5563; font-size: 0.8rem; }
.boss-report .rpt-kpi .rpt-value { font-size: 1.2rem; font-weight: 650; }
.boss-report .rpt-kpi .rpt-change { font-size: 0.78rem; color: #4b5563; }
.boss-report .rpt-up { color: #047857; }
.boss-report .rpt-down { color: #b91c1c; }
.boss-report dl.rpt-defs dt { font-weight: 600; margin-top: 0.5rem; }
.boss-report dl.rpt-defs dd { margin: 0.1rem 0 0 0; }
.boss-report .rpt-note { color: #4b5563; font-size: 0.85rem; }
@media print {
  .boss-report { max-width: none; padding: 0; }
  .boss-report h2 { break-after: avoid; }
  .boss-report .rpt-page { break-before: page; }
}
`;
