/** The report page's stylesheet: inline, system fonts only, light and dark, printable. */
export const htmlReportStyle = `
:root { color-scheme: light dark; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --good: #dafbe1; --fair: #fff8c5; --poor: #ffebe9; }
@media (prefers-color-scheme: dark) { :root { --text: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --good: #12361f; --fair: #3b2e00; --poor: #42161b; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: Canvas; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.meta, .note { color: var(--muted); margin: 0; }
.note { margin-top: 8px; font-size: 13px; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: right; vertical-align: top; }
th { background: var(--panel); font-weight: 600; text-align: left; }
table.summary th:not(:first-child), table.fields th { text-align: right; }
table.fields th[colspan] { text-align: center; }
table.fields th:first-child { text-align: left; }
td:first-child, td.text, td.path { text-align: left; }
td.path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
td.good { background: var(--good); } td.fair { background: var(--fair); } td.poor { background: var(--poor); }
td.json { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; text-align: left; max-width: 360px; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; align-items: start; }
figure { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
figcaption { font-weight: 600; margin-bottom: 8px; }
svg.chart { width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: var(--text); }
svg.chart .tick, svg.chart .value { fill: var(--muted); font-variant-numeric: tabular-nums; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
@media print { details { display: block; } .charts { grid-template-columns: 1fr; } }
`;
