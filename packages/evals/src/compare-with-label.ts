import { bestAssignment } from "./best-assignment.js";
import { comparisonAt, type ResolvedComparison } from "./comparison-options.js";
import { displayPath, elementLocation, type FieldLocation, propertyLocation, rootLocation } from "./field-path.js";
import type { Disagreement, FieldEvent, FieldKind, FieldOutcome } from "./field-outcome.js";
import { isAbsent, isJsonObject, valuesMatch } from "./values-match.js";

/** Everything one answer's comparison with its label found. */
export interface LabelComparison {
  /** One event per value compared, for the per-path counts. */
  readonly events: readonly FieldEvent[];
  /** Where the answer and the label disagree, for people to read. */
  readonly disagreements: readonly Disagreement[];
}

/** Collects the events and disagreements of one comparison (or of one trial pairing of two array elements). */
class Findings implements LabelComparison {
  readonly events: FieldEvent[] = [];
  readonly disagreements: Disagreement[] = [];
  /** Matched single values and set elements: how alike two compared elements are. */
  matchedValues = 0;

  record(path: string, kind: FieldKind, outcome: FieldOutcome): void {
    this.events.push({ path, kind, outcome });
    if (outcome === "matched" && kind !== "items") this.matchedValues += 1;
  }

  disagree(location: FieldLocation, outcome: Disagreement["outcome"], label: unknown, output: unknown): void {
    this.disagreements.push({
      at: displayPath(location.at),
      outcome,
      ...(label === undefined ? {} : { label }),
      ...(output === undefined ? {} : { output }),
    });
  }

  /** True when everything compared so far matched. */
  get allMatched(): boolean {
    return this.events.every((event) => event.outcome === "matched");
  }

  absorb(other: Findings): void {
    this.events.push(...other.events);
    this.disagreements.push(...other.disagreements);
    this.matchedValues += other.matchedValues;
  }
}

type Side = "missing" | "extra";

/** Counts every value of a side that has no counterpart (a whole object or array only one side has). */
function countOneSided(value: unknown, location: FieldLocation, side: Side, findings: Findings): void {
  if (isAbsent(value)) return;
  if (isJsonObject(value)) {
    for (const key of Object.keys(value)) countOneSided(value[key], propertyLocation(location, key), side, findings);
  } else if (Array.isArray(value)) {
    value.forEach((element, index) => countOneSidedElement(element, elementLocation(location, index), side, findings));
  } else {
    findings.record(location.path, "value", side);
  }
}

function countOneSidedElement(element: unknown, location: FieldLocation, side: Side, findings: Findings): void {
  if (isJsonObject(element)) {
    findings.record(location.path, "items", side);
    countOneSided(element, location, side, findings);
  } else {
    findings.record(location.path, "set", side);
  }
}

/** A value only one side has: every value in it counted, one disagreement for the whole (none for an empty container). */
function oneSided(value: unknown, location: FieldLocation, side: Side, findings: Findings): void {
  const before = findings.events.length;
  countOneSided(value, location, side, findings);
  if (findings.events.length > before) findings.disagree(location, side, side === "missing" ? value : undefined, side === "extra" ? value : undefined);
}

/** The keys of both objects: the label's in its order, then the answer's own. */
function keysOf(label: Record<string, unknown>, output: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(label), ...Object.keys(output)])];
}

function compareValues(label: unknown, output: unknown, location: FieldLocation, comparison: ResolvedComparison, findings: Findings): void {
  const labelAbsent = isAbsent(label);
  const outputAbsent = isAbsent(output);
  if (labelAbsent && outputAbsent) return;
  if (labelAbsent) return oneSided(output, location, "extra", findings);
  if (outputAbsent) return oneSided(label, location, "missing", findings);
  if (isJsonObject(label) && isJsonObject(output)) {
    for (const key of keysOf(label, output)) compareValues(label[key], output[key], propertyLocation(location, key), comparison, findings);
    return;
  }
  if (Array.isArray(label) && Array.isArray(output)) return compareArrays(label, output, location, comparison, findings);
  if (isJsonObject(label) || isJsonObject(output) || Array.isArray(label) || Array.isArray(output)) {
    // Different shapes (an object where the label has a string...): nothing lines up.
    countOneSided(label, location, "missing", findings);
    countOneSided(output, location, "extra", findings);
    findings.disagree(location, "mismatched", label, output);
    return;
  }
  if (valuesMatch(label, output, comparisonAt(comparison, location.path))) {
    findings.record(location.path, "value", "matched");
  } else {
    findings.record(location.path, "value", "mismatched");
    findings.disagree(location, "mismatched", label, output);
  }
}

/** Compares one label element with one answer element, as if they were a pair. */
function compareElements(label: unknown, output: unknown, location: FieldLocation, comparison: ResolvedComparison): Findings {
  const findings = new Findings();
  if (isJsonObject(label) && isJsonObject(output)) {
    compareValues(label, output, location, comparison, findings);
  } else if (!isJsonObject(label) && !isJsonObject(output) && valuesMatch(label, output, comparisonAt(comparison, location.path))) {
    findings.record(location.path, "set", "matched");
  }
  return findings;
}

/**
 * Arrays compare as sets: each label element is paired with the answer
 * element most like it (most matching values; plain values must match), the
 * pairing that matches the most values overall. Unpaired label elements are
 * missing, unpaired answer elements extra. A paired object counts as a whole
 * element (`items[]`) when all its fields match, and its fields count on
 * their own rows.
 */
function compareArrays(label: readonly unknown[], output: readonly unknown[], location: FieldLocation, comparison: ResolvedComparison, findings: Findings): void {
  const trials = label.map((labelElement, row) => output.map((outputElement) => compareElements(labelElement, outputElement, elementLocation(location, row), comparison)));
  // Two objects that agree on everything (even two empty ones) outweigh a partial match with as many values.
  const weightOf = (trial: Findings, row: number, column: number): number =>
    trial.matchedValues + (isJsonObject(label[row]) && isJsonObject(output[column]) && trial.allMatched ? 1 : 0);
  const pairs = bestAssignment(trials.map((trialsOfRow, row) => trialsOfRow.map((trial, column) => weightOf(trial, row, column))));
  const pairedRows = new Set<number>();
  const pairedColumns = new Set<number>();
  for (const { row, column } of pairs) {
    pairedRows.add(row);
    pairedColumns.add(column);
    const trial = trials[row]?.[column] as Findings;
    const elementPath = `${location.path}[]`;
    if (isJsonObject(label[row])) findings.record(elementPath, "items", trial.allMatched ? "matched" : "mismatched");
    findings.absorb(trial);
  }
  label.forEach((element, row) => {
    if (pairedRows.has(row)) return;
    const at = elementLocation(location, row);
    countOneSidedElement(element, at, "missing", findings);
    findings.disagree(at, "missing", element, undefined);
  });
  output.forEach((element, column) => {
    if (pairedColumns.has(column)) return;
    const at = elementLocation(location, column);
    countOneSidedElement(element, at, "extra", findings);
    findings.disagree(at, "extra", undefined, element);
  });
}

/**
 * Compares an answer with its label field by field (both as JSON values):
 * objects key by key, arrays as sets, values under the comparison's rules
 * for their path. `null` and a missing key both mean no value.
 */
export function compareWithLabel(label: unknown, output: unknown, comparison: ResolvedComparison): LabelComparison {
  const findings = new Findings();
  compareValues(label, output, rootLocation, comparison, findings);
  return { events: findings.events, disagreements: findings.disagreements };
}
