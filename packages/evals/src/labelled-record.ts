import { LabelledDataError, type LabelledDataProblem } from "./labelled-data-error.js";
import { isJsonObject } from "./values-match.js";

/** One example of an eval: a text and the answer expected for it. */
export interface LabelledRecord {
  /** 1-based line number in the data file (or position in the list). */
  readonly line: number;
  /** The record's `id`, when it has one. */
  readonly id?: unknown;
  /** What the model reads. */
  readonly text: string;
  /** The expected answer, as JSON (the response model's input form: a date as its string). */
  readonly label: unknown;
}

/** Which fields of a data line hold the text and the label. */
export interface LabelledRecordFields {
  /** Default `"text"`. */
  readonly textField?: string;
  /** Default `"label"`. */
  readonly labelField?: string;
}

function readLine(content: string, line: number, textField: string, labelField: string): LabelledRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return `is not valid JSON (${(error as Error).message})`;
  }
  if (!isJsonObject(value)) return `is not a JSON object with "${textField}" and "${labelField}" fields`;
  const text = value[textField];
  if (typeof text !== "string") return text === undefined ? `has no "${textField}" field` : `has a "${textField}" field that is not a string`;
  if (text.trim() === "") return `has an empty "${textField}" field`;
  if (!(labelField in value)) return `has no "${labelField}" field`;
  return { line, ...(value.id === undefined ? {} : { id: value.id }), text, label: value[labelField] };
}

/**
 * Reads labelled data in JSON lines: one object a line, the text in
 * `textField` (default `"text"`), the expected answer in `labelField`
 * (default `"label"`), an optional `id`. Blank lines are skipped. Fails with
 * {@link LabelledDataError} listing every line that is not such a record, or
 * when there is none.
 */
export function parseLabelledRecords(content: string, fields: LabelledRecordFields = {}): LabelledRecord[] {
  const textField = fields.textField ?? "text";
  const labelField = fields.labelField ?? "label";
  const records: LabelledRecord[] = [];
  const problems: LabelledDataProblem[] = [];
  const lines = (content.startsWith("\uFEFF") ? content.slice(1) : content).split("\n");
  lines.forEach((raw, index) => {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return;
    const read = readLine(text, index + 1, textField, labelField);
    if (typeof read === "string") problems.push({ line: index + 1, problem: read });
    else records.push(read);
  });
  if (problems.length > 0 || records.length === 0) throw new LabelledDataError({ problems });
  return records;
}
