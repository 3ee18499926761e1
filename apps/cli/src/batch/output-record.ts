import { failedRecord as describedFailedRecord, type OutputRecord, type UsageLedger } from "@cortex-ml/batch/records";
import { messageInCliWords } from "../cli-wording.js";

export { formatOutputRecord, type OutputRecord, succeededRecord } from "@cortex-ml/batch/records";

/** The output record of a failed extraction, with the error's name and message (in the CLI's words). */
export function failedRecord(line: number, id: unknown, error: unknown, ledger?: UsageLedger): OutputRecord {
  return describedFailedRecord(line, id, error, messageInCliWords, ledger);
}
