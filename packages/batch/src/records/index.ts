// @cortex-ml/batch/records: the JSONL input and output records of `cortex-ml batch`, without the queue engine (no Redis client loaded).
export { type InputRecord, type InvalidInputLine, type ParsedInputLine, parseInputLine, parseInputLines } from "./input-record.js";
export { InvalidRecordError } from "./invalid-record-error.js";
export { failedRecord, formatOutputRecord, type OutputRecord, succeededRecord, type UsageLedger } from "./output-record.js";
