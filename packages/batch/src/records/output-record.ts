import type { TokenUsage } from "@cortex-ml/core";

/** What one record cost: the per-record usage ledger kept with every queued result. */
export interface UsageLedger {
  /** Requests sent for the record's last delivery: 1 when the first answer was valid. */
  readonly attempts: number;
  /** Re-asks after an invalid answer (`attempts - 1` when the call reached the model). */
  readonly reasks: number;
  /** Queue jobs: times a worker took the record (more than 1 after a crash, an endpoint failure or a Redis restart). */
  readonly deliveries?: number;
  /** Provider batches: requests sent again because the provider could not answer them (not re-asks). */
  readonly resends?: number;
  /** Tokens of every request for the record, summed over its deliveries. */
  readonly usage: TokenUsage;
  /** The endpoint that gave the final answer, when one did. */
  readonly endpoint?: string;
}

/** One line of a batch output file, as `cortex-ml batch` writes it (a queued result adds `ledger`). */
export type OutputRecord =
  | { readonly line: number; readonly id?: unknown; readonly ok: true; readonly data: unknown; readonly ledger?: UsageLedger }
  | {
      readonly line: number;
      readonly id?: unknown;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string };
      readonly ledger?: UsageLedger;
    };

/** The output record of a successful extraction. */
export function succeededRecord(line: number, id: unknown, data: unknown, ledger?: UsageLedger): OutputRecord {
  return { line, ...(id === undefined ? {} : { id }), ok: true, data, ...(ledger === undefined ? {} : { ledger }) };
}

/** The output record of a failed one: the error's name, and its message as `describe` words it. */
export function failedRecord(
  line: number,
  id: unknown,
  error: unknown,
  describe: (error: unknown) => string = defaultDescription,
  ledger?: UsageLedger,
): OutputRecord {
  const name = error instanceof Error ? error.name : "Error";
  return { line, ...(id === undefined ? {} : { id }), ok: false, error: { name, message: describe(error) }, ...(ledger === undefined ? {} : { ledger }) };
}

/** An error's own message. */
function defaultDescription(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The record as one JSONL line, newline included. */
export function formatOutputRecord(record: OutputRecord): string {
  return `${JSON.stringify(record)}\n`;
}
