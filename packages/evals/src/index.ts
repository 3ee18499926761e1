export { type AssignedPair, bestAssignment } from "./best-assignment.js";
export { compareWithLabel, type LabelComparison } from "./compare-with-label.js";
export {
  type ComparisonOptions,
  comparisonAt,
  type FieldComparison,
  type ResolvedComparison,
  type ResolvedFieldComparison,
  resolveComparison,
  type StringComparison,
} from "./comparison-options.js";
export type { EvalReport, LatencyFigures, RecordResult, TargetReport } from "./eval-report.js";
export { type EvalCallSettings, type EvalTarget, targetsFor } from "./eval-target.js";
export type { Disagreement, FieldEvent, FieldKind, FieldOutcome } from "./field-outcome.js";
export { displayPath } from "./field-path.js";
export type { FieldCounts, FieldScore, Scores } from "./field-score.js";
export { isFatalEvalError } from "./is-fatal-eval-error.js";
export { LabelledDataError, type LabelledDataProblem } from "./labelled-data-error.js";
export { type LabelledRecord, type LabelledRecordFields, parseLabelledRecords } from "./labelled-record.js";
export { normalizeString } from "./normalize-string.js";
export { percentile } from "./percentile.js";
export { type HtmlReportOptions, renderHtmlReport } from "./render-html-report.js";
export { renderTextReport } from "./render-text-report.js";
export { defaultEvalConcurrency, defaultEvalSystemPrompt, type EvalMessages, type EvalProgress, runEval, type RunEvalOptions } from "./run-eval.js";
export { schemaPaths } from "./schema-paths.js";
