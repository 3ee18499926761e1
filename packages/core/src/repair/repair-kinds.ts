/**
 * What a repair fixed in a model's answer before it was validated:
 * - `trailing-comma`: a comma before `}` or `]` was dropped;
 * - `single-quotes`: a `'single-quoted'` string became a JSON string;
 * - `unquoted-key`: an object key written bare (`{name: ...}`) was quoted;
 * - `missing-bracket`: a `}` or `]` missing at the end was added (never on a cut-off answer);
 * - `number-string`: a string holding a number (`"25"`) became a number where the schema wants one.
 */
export type RepairKind = "trailing-comma" | "single-quotes" | "unquoted-key" | "missing-bracket" | "number-string";

/** The repairs that made an answer usable: how many fixes, and of which kinds (each kind once, in the order first met). */
export interface Repairs {
  readonly count: number;
  readonly kinds: readonly RepairKind[];
}

/** Counts fixes by kind while a repair runs. */
export class RepairTally {
  count = 0;
  readonly kinds: RepairKind[] = [];

  /** Records one fix of `kind`. */
  add(kind: RepairKind, times = 1): void {
    if (times <= 0) return;
    this.count += times;
    if (!this.kinds.includes(kind)) this.kinds.push(kind);
  }

  /** The tally as metadata, or undefined when nothing was fixed. */
  result(): Repairs | undefined {
    return this.count === 0 ? undefined : { count: this.count, kinds: this.kinds };
  }
}
