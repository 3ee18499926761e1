import { messageInCliWords } from "../cli-wording.js";

/** One line of a batch output file. */
export type OutputRecord =
  | { readonly line: number; readonly id?: unknown; readonly ok: true; readonly data: unknown }
  | { readonly line: number; readonly id?: unknown; readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

/** The output record of a successful extraction. */
export function succeededRecord(line: number, id: unknown, data: unknown): OutputRecord {
  return { line, ...(id === undefined ? {} : { id }), ok: true, data };
}

/** The output record of a failed one, with the error's name and message (in the CLI's words). */
export function failedRecord(line: number, id: unknown, error: unknown): OutputRecord {
  const name = error instanceof Error ? error.name : "Error";
  const message = messageInCliWords(error);
  return { line, ...(id === undefined ? {} : { id }), ok: false, error: { name, message } };
}

/** The record as one JSONL line, newline included. */
export function formatOutputRecord(record: OutputRecord): string {
  return `${JSON.stringify(record)}\n`;
}
