/** An input line of a batch that is not a record: not JSON, or without the text. */
export class InvalidRecordError extends Error {
  override readonly name = "InvalidRecordError";
}
