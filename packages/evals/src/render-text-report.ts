import { Mode } from "@cortex-ml/core";
import type { FieldComparison } from "./comparison-options.js";
import type { EvalReport, TargetReport } from "./eval-report.js";
import { displayPath } from "./field-path.js";
import type { FieldScore } from "./field-score.js";
import { formatCount, formatMilliseconds, formatPercent, formatScore, formatShare } from "./format-figures.js";
import { type ColumnAlignment, type ColumnGroup, formatTable } from "./format-table.js";

function describeRule(rule: FieldComparison): string {
  const parts = [
    rule.strings === undefined ? "" : `strings ${rule.strings}`,
    rule.tolerance === undefined ? "" : `±${rule.tolerance}`,
    rule.relativeTolerance === undefined ? "" : `±${formatPercent(rule.relativeTolerance)}`,
  ];
  return parts.filter(Boolean).join(", ");
}

/** What the comparison rules were, in a few words: `strings normalized, numbers exact; total: ±0.01`. */
export function describeComparison(report: EvalReport): string {
  const { strings, tolerance, relativeTolerance, paths } = report.comparison;
  const within = [tolerance > 0 ? `±${tolerance}` : "", relativeTolerance > 0 ? `±${formatPercent(relativeTolerance)}` : ""].filter(Boolean).join(" or ");
  const overrides = Object.entries(paths).map(([path, rule]) => `${displayPath(path)}: ${describeRule(rule) || "defaults"}`);
  return [`strings ${strings}, numbers ${within === "" ? "exact" : `within ${within}`}`, ...overrides].join("; ");
}

/** The failures of a target in a few words: `RetriesExhaustedError 2, TimeoutError 1`, or `none`. */
export function describeFailures(target: TargetReport): string {
  return target.failures.length === 0 ? "none" : target.failures.map(({ name, count }) => `${name} ${count}`).join(", ");
}

/** The modes a target's answers came in: `json_schema 5, tools 1`, or `–` when none is known (no valid answer, or an explicit mode). */
export function describeModesUsed(target: TargetReport): string {
  return target.modesUsed.length === 0 ? "–" : target.modesUsed.map(({ mode, count }) => `${mode} ${count}`).join(", ");
}

/** The summary rows: one figure a row, one column per target. */
export function summaryRows(report: EvalReport): Array<{ label: string; values: string[] }> {
  const row = (label: string, value: (target: TargetReport) => string) => ({ label, values: report.targets.map(value) });
  const cached = report.results.some((result) => result.cache !== undefined);
  const auto = report.targets.some((target) => target.mode === Mode.AUTO);
  return [
    ...(auto ? [row("mode used", describeModesUsed)] : []),
    row("valid answers", (target) => formatShare(target.succeeded, target.records)),
    row("valid on first try", (target) => formatPercent(target.firstTryValidityRate)),
    row("re-asks per record", (target) => `${target.reasks.perRecord.toFixed(2)} (max ${target.reasks.max})`),
    row("exact records", (target) => formatShare(target.exactRecords, target.records)),
    row("F1, all fields", (target) => formatScore(target.overall.f1)),
    row("precision", (target) => formatScore(target.overall.precision)),
    row("recall", (target) => formatScore(target.overall.recall)),
    row("tokens per record", (target) => formatCount(target.tokens.perRecord)),
    row("tokens in all", (target) => `${formatCount(target.tokens.total)} (${formatCount(target.tokens.prompt)} in, ${formatCount(target.tokens.completion)} out)`),
    row("latency median", (target) => formatMilliseconds(target.latencyMs.median)),
    row("latency p90", (target) => formatMilliseconds(target.latencyMs.p90)),
    row("failures", describeFailures),
    ...(cached ? [row("from the cache", (target) => `${formatShare(target.cacheHits, target.records)}; ${formatCount(target.requestsSent)} request(s) sent`)] : []),
  ];
}

/** The row of each path for each target (undefined where a target has none), and the label's count of values there. */
export function fieldRows(report: EvalReport): Array<{ path: string; support: number; scores: Array<FieldScore | undefined> }> {
  return report.paths.map((path) => {
    const scores = report.targets.map((target) => target.fields.find((field) => field.path === path));
    const support = scores.find((score) => score !== undefined)?.support ?? 0;
    return { path, support, scores };
  });
}

/** `wrong/missing/extra` counts of a row. */
export function describeMisses(score: FieldScore): string {
  return `${score.mismatched}/${score.missing}/${score.extra}`;
}

/**
 * The report as text for a terminal: a summary with the targets side by
 * side (with mode "auto", the modes the answers came in; validity, re-asks, exact records, F1, tokens, latency, failures,
 * and, with a response cache, the records answered from it and the requests
 * sent), then precision, recall and F1 per schema path, with the wrong,
 * missing and extra values of each.
 */
export function renderTextReport(report: EvalReport): string {
  const targets = report.targets.length;
  const heading = `${report.schemaName}: ${formatCount(report.records)} record(s) on ${targets} target(s); ${describeComparison(report)}`;
  const summary = formatTable(
    [["", ...report.targets.map((target) => target.name)], ...summaryRows(report).map(({ label, values }) => [label, ...values])],
    ["left", ...report.targets.map((): ColumnAlignment => "left")],
  );
  const perTarget = ["P", "R", "F1", "w/m/e"];
  const groups: ColumnGroup[] = report.targets.map((target, index) => ({ title: target.name, start: 2 + index * perTarget.length, span: perTarget.length }));
  const fields = formatTable(
    [
      ["field", "support", ...report.targets.flatMap(() => perTarget)],
      ...fieldRows(report).map(({ path, support, scores }) => [
        `${displayPath(path)}${scores.find((score) => score !== undefined)?.kind === "items" ? " (whole items)" : ""}`,
        formatCount(support),
        ...scores.flatMap((score) => (score === undefined ? ["–", "–", "–", "–"] : [formatScore(score.precision), formatScore(score.recall), formatScore(score.f1), describeMisses(score)])),
      ]),
    ],
    ["left", "right", ...report.targets.flatMap((): ColumnAlignment[] => ["right", "right", "right", "right"])],
    groups,
  );
  const legend = "P precision, R recall; w/m/e: values wrong / missing from the answer / extra in it. Arrays count element by element, in any order.";
  return `${[heading, "", ...summary, "", ...fields, "", legend].join("\n")}\n`;
}
