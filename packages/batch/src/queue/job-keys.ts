import { InvalidJobNameError } from "./invalid-job-name-error.js";

/** Prefix of every Redis key the queue engine writes (BullMQ's own keys live under `bull:`). */
export const keyPrefix = "cortex-ml:batch";

/** The Redis set listing every submitted job name: workers without `job` serve them all. */
export const jobRegistryKey = `${keyPrefix}:jobs`;

/** The Redis keys of one job. */
export interface JobKeys {
  /** The BullMQ queue holding the job's records (one BullMQ job per record). */
  readonly queueName: string;
  /** Hash: the job's settings (schema, model, endpoints, limits, budget), as JSON fields. */
  readonly settings: string;
  /** Hash: line number -> input record JSON, one field per submitted record. */
  readonly inputs: string;
  /** Hash: line number -> output record JSON, written once per record. */
  readonly results: string;
  /** Hash: counters (succeeded, failed, tokens, cost, first and last finish time). */
  readonly counters: string;
  /** Hash: error name -> count of failed records. */
  readonly errors: string;
}

const jobNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Throws {@link InvalidJobNameError} unless `name` is 1 to 100 letters, digits, `_`, `.` or `-` (starting with a letter or digit). */
export function checkJobName(name: string): void {
  if (!jobNamePattern.test(name)) throw new InvalidJobNameError({ jobName: name });
}

/** The Redis keys of the job `name` (checked first). */
export function jobKeys(name: string): JobKeys {
  checkJobName(name);
  const base = `${keyPrefix}:${name}`;
  return {
    queueName: `cortex-ml-batch-${name}`,
    settings: `${base}:settings`,
    inputs: `${base}:inputs`,
    results: `${base}:results`,
    counters: `${base}:counters`,
    errors: `${base}:errors`,
  };
}

/** The BullMQ job id of a record: the job name and the record's line, so a record is never enqueued twice. */
export function recordJobId(jobName: string, line: number): string {
  return `${jobName}-${line}`;
}
