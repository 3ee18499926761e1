import type { FieldEvent, FieldKind } from "./field-outcome.js";

/** How many values of a row matched, disagreed, were missing from the answer, or were extra in it. */
export interface FieldCounts {
  readonly matched: number;
  readonly mismatched: number;
  readonly missing: number;
  readonly extra: number;
}

/** Precision, recall and F1 of some counts; `null` where nothing was there to divide by. */
export interface Scores {
  /** Values the label has: matched + mismatched + missing. */
  readonly support: number;
  /** Values the answers have: matched + mismatched + extra. */
  readonly predicted: number;
  /** matched / predicted: how much of what the answers said was right. */
  readonly precision: number | null;
  /** matched / support: how much of what the labels hold the answers got. */
  readonly recall: number | null;
  /** 2·matched / (predicted + support), the harmonic mean of precision and recall. */
  readonly f1: number | null;
}

/** The counts and scores of one schema path. */
export interface FieldScore extends FieldCounts, Scores {
  /** The schema path (`items[].price`); `""` is the whole answer. */
  readonly path: string;
  readonly kind: FieldKind;
}

/** Precision, recall and F1 of counts. A wrong value counts against both: it is a false positive and a false negative. */
export function scoresOf(counts: FieldCounts): Scores {
  const support = counts.matched + counts.mismatched + counts.missing;
  const predicted = counts.matched + counts.mismatched + counts.extra;
  return {
    support,
    predicted,
    precision: predicted === 0 ? null : counts.matched / predicted,
    recall: support === 0 ? null : counts.matched / support,
    f1: support + predicted === 0 ? null : (2 * counts.matched) / (support + predicted),
  };
}

/** Counts added up. */
export function addCounts(counts: readonly FieldCounts[]): FieldCounts {
  return counts.reduce<FieldCounts>(
    (total, next) => ({
      matched: total.matched + next.matched,
      mismatched: total.mismatched + next.mismatched,
      missing: total.missing + next.missing,
      extra: total.extra + next.extra,
    }),
    { matched: 0, mismatched: 0, missing: 0, extra: 0 },
  );
}

/** Per-path scores of the events, in the order of `pathOrder` (paths it lacks come after, in the order first seen). */
export function fieldScores(events: Iterable<FieldEvent>, pathOrder: readonly string[]): FieldScore[] {
  const rows = new Map<string, { kind: FieldKind; counts: Record<keyof FieldCounts, number> }>();
  for (const event of events) {
    let row = rows.get(event.path);
    if (row === undefined) {
      row = { kind: event.kind, counts: { matched: 0, mismatched: 0, missing: 0, extra: 0 } };
      rows.set(event.path, row);
    }
    row.counts[event.outcome] += 1;
  }
  const rank = new Map(pathOrder.map((path, index) => [path, index]));
  const firstSeen = [...rows.keys()];
  const position = (path: string): number => rank.get(path) ?? pathOrder.length + firstSeen.indexOf(path);
  return [...rows.entries()]
    .sort(([left], [right]) => position(left) - position(right))
    .map(([path, { kind, counts }]) => ({ path, kind, ...counts, ...scoresOf(counts) }));
}

/**
 * The scores over every value of every field (micro-averaged): single values
 * and set elements. Whole-element rows of arrays of objects are left out,
 * since their fields are counted already.
 */
export function overallScores(fields: readonly FieldScore[]): FieldCounts & Scores {
  const counts = addCounts(fields.filter((field) => field.kind !== "items"));
  return { ...counts, ...scoresOf(counts) };
}
