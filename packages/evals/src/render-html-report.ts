import { escapeHtml } from "./escape-html.js";
import type { EvalReport, RecordResult, TargetReport } from "./eval-report.js";
import { displayPath } from "./field-path.js";
import { formatCount, formatMilliseconds, formatPercent, formatScore } from "./format-figures.js";
import { htmlReportStyle } from "./html-report-style.js";
import { describeComparison, describeMisses, fieldRows, summaryRows } from "./render-text-report.js";
import { type BarGroup, seriesColor, svgBarChart } from "./svg-bar-chart.js";

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** The page title; default `Eval: <schema name>`. */
  readonly title?: string;
  /** Most failed records and disagreements listed per target (the JSON report has them all); default 200. */
  readonly listLimit?: number;
}

const jsonCharacters = 240;

function json(value: unknown): string {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length <= jsonCharacters ? text : `${text.slice(0, jsonCharacters - 1)}…`;
}

function scoreClass(score: number | null): string {
  if (score === null) return "";
  return score >= 0.9 ? "good" : score >= 0.7 ? "fair" : "poor";
}

function targetHeading(target: TargetReport, index: number): string {
  return `<span class="swatch" style="background:${seriesColor(index)}"></span>${escapeHtml(target.name)}`;
}

function summaryTable(report: EvalReport): string {
  const head = `<tr><th>figure</th>${report.targets.map((target, index) => `<th>${targetHeading(target, index)}</th>`).join("")}</tr>`;
  const rows = summaryRows(report).map(
    ({ label, values }) => `<tr><td>${escapeHtml(label)}</td>${values.map((value) => `<td>${escapeHtml(value)}</td>`).join("")}</tr>`,
  );
  return `<div class="table-scroll"><table class="summary"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function fieldsTable(report: EvalReport): string {
  const groupHead = `<tr><th rowspan="2">field</th><th rowspan="2">support</th>${report.targets.map((target, index) => `<th colspan="4">${targetHeading(target, index)}</th>`).join("")}</tr>`;
  const columnHead = `<tr>${report.targets.map(() => "<th>P</th><th>R</th><th>F1</th><th>w/m/e</th>").join("")}</tr>`;
  const rows = fieldRows(report).map(({ path, support, scores }) => {
    const items = scores.find((score) => score !== undefined)?.kind === "items" ? " <small>(whole items)</small>" : "";
    const cells = scores.map((score) =>
      score === undefined
        ? "<td>–</td><td>–</td><td>–</td><td>–</td>"
        : `<td>${formatScore(score.precision)}</td><td>${formatScore(score.recall)}</td><td class="${scoreClass(score.f1)}">${formatScore(score.f1)}</td><td>${describeMisses(score)}</td>`,
    );
    return `<tr><td class="path">${escapeHtml(displayPath(path))}${items}</td><td>${formatCount(support)}</td>${cells.join("")}</tr>`;
  });
  return `<div class="table-scroll"><table class="fields"><thead>${groupHead}${columnHead}</thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function figure(caption: string, svg: string): string {
  return `<figure><figcaption>${escapeHtml(caption)}</figcaption>${svg}</figure>`;
}

function charts(report: EvalReport): string {
  const series = report.targets.map((target) => target.name);
  const rate = (value: number) => formatPercent(value);
  const quality: BarGroup[] = [
    { label: "F1, all fields", values: report.targets.map((target) => target.overall.f1) },
    { label: "valid on first try", values: report.targets.map((target) => target.firstTryValidityRate) },
    { label: "exact records", values: report.targets.map((target) => target.exactRecordRate) },
  ];
  const perField: BarGroup[] = fieldRows(report).map(({ path, scores }) => ({
    label: displayPath(path),
    values: scores.map((score) => score?.f1 ?? null),
  }));
  const latency: BarGroup[] = [
    { label: "median", values: report.targets.map((target) => target.latencyMs.median) },
    { label: "p90", values: report.targets.map((target) => target.latencyMs.p90) },
  ];
  const perRecord = (target: TargetReport, tokens: number) => (target.records === 0 ? 0 : tokens / target.records);
  const tokens: BarGroup[] = [
    { label: "prompt tokens", values: report.targets.map((target) => perRecord(target, target.tokens.prompt)) },
    { label: "completion tokens", values: report.targets.map((target) => perRecord(target, target.tokens.completion)) },
  ];
  const figures = [
    figure("Quality", svgBarChart({ title: "Quality: F1 over all fields, answers valid on the first try, records right everywhere", series, groups: quality, formatValue: rate, maximum: 1 })),
    ...(perField.length > 0 ? [figure("F1 per field", svgBarChart({ title: "F1 per schema path", series, groups: perField, formatValue: (value) => value.toFixed(2), maximum: 1 }))] : []),
    figure("Latency per record", svgBarChart({ title: "Latency per record: median and p90", series, groups: latency, formatValue: formatMilliseconds })),
    figure("Tokens per record", svgBarChart({ title: "Tokens per record: prompt and completion", series, groups: tokens, formatValue: formatCount })),
  ];
  return `<div class="charts">${figures.join("")}</div>`;
}

function limited<T>(items: readonly T[], limit: number): { shown: readonly T[]; note: string } {
  if (items.length <= limit) return { shown: items, note: "" };
  return { shown: items.slice(0, limit), note: `<p class="note">The first ${limit} of ${items.length}; the JSON report (--json) has every one.</p>` };
}

function recordCells(result: RecordResult): string {
  const id = result.id === undefined ? "" : typeof result.id === "string" ? result.id : json(result.id);
  return `<td>${result.line}</td><td class="text">${escapeHtml(id)}</td>`;
}

function failuresSection(report: EvalReport, limit: number): string {
  const failed = report.results.filter((result) => !result.ok);
  if (failed.length === 0) return `<section id="failures"><h2>Failures</h2><p class="meta">Every record got a valid answer on every target.</p></section>`;
  const { shown, note } = limited(failed, limit);
  const rows = shown.map(
    (result) =>
      `<tr><td class="text">${escapeHtml(result.target)}</td>${recordCells(result)}<td class="text">${escapeHtml(result.error?.name ?? "")}</td><td>${result.attempts}</td><td class="text">${escapeHtml(result.error?.message ?? "")}</td></tr>`,
  );
  return `<section id="failures"><h2>Failures</h2><div class="table-scroll"><table class="failures"><thead><tr><th>target</th><th>line</th><th>id</th><th>error</th><th>attempts</th><th>message</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>${note}</section>`;
}

function disagreementsSection(report: EvalReport, limit: number): string {
  const blocks = report.targets.map((target, index) => {
    const rows = report.results
      .filter((result) => result.target === target.name)
      .flatMap((result) => result.disagreements.map((disagreement) => ({ result, disagreement })));
    const { shown, note } = limited(rows, limit);
    const body = shown.map(
      ({ result, disagreement }) =>
        `<tr>${recordCells(result)}<td class="path">${escapeHtml(disagreement.at)}</td><td class="text">${disagreement.outcome}</td><td class="json">${escapeHtml(json(disagreement.label))}</td><td class="json">${escapeHtml(json(disagreement.output))}</td></tr>`,
    );
    const table =
      rows.length === 0
        ? `<p class="meta">No disagreement: every answer matches its label.</p>`
        : `<div class="table-scroll"><table class="disagreements"><thead><tr><th>line</th><th>id</th><th>where</th><th>outcome</th><th>label</th><th>answer</th></tr></thead><tbody>${body.join("")}</tbody></table></div>${note}`;
    return `<details${index === 0 ? " open" : ""}><summary>${targetHeading(target, index)} (${formatCount(rows.length)})</summary>${table}</details>`;
  });
  return `<section id="disagreements"><h2>Disagreements</h2>${blocks.join("")}</section>`;
}

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG
 * charts (quality, F1 per field, latency, tokens), no script, no font, no
 * request of any kind (its Content-Security-Policy forbids them). Sections:
 * the summary with the targets side by side, the charts, precision / recall /
 * F1 per schema path, the failed records, and every disagreement with the label.
 */
export function renderHtmlReport(report: EvalReport, options: HtmlReportOptions = {}): string {
  const limit = options.listLimit ?? 200;
  const title = options.title ?? `Eval: ${report.schemaName}`;
  const meta = `${formatCount(report.records)} labelled record(s) on ${report.targets.length} target(s) · ${describeComparison(report)} · ${report.createdAt}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${htmlReportStyle}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(meta)}</p></header>
<section id="summary"><h2>Summary</h2>${summaryTable(report)}</section>
<section id="charts"><h2>Charts</h2>${charts(report)}</section>
<section id="fields"><h2>Per field</h2>${fieldsTable(report)}<p class="note">P precision, R recall, F1 their harmonic mean; w/m/e: values wrong / missing from the answer / extra in it; support: the labels' values. Arrays count element by element, in any order; "whole items" rows count array elements that match in every field.</p></section>
${failuresSection(report, limit)}
${disagreementsSection(report, limit)}
</main>
</body>
</html>
`;
}
