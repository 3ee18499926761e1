import type { JobState } from "./job-state.js";

/**
 * Where provider batch jobs keep their state (batch ids per round, records
 * done, re-asks pending), so a job killed between polls resumes without
 * submitting a batch twice. `save` is a compare-and-set on the revision, so
 * two runners of one job cannot both go on.
 */
export interface BatchStateStore {
  /** The job's state, or undefined when there is none. */
  load(jobId: string): Promise<JobState | undefined>;
  /**
   * Stores `state` (whose `revision` is already the new one) if the stored
   * revision is still `expectedRevision` (undefined: no state stored yet);
   * otherwise throws `BatchStateConflictError`.
   */
  save(state: JobState, expectedRevision: number | undefined): Promise<void>;
  /** Forgets the job. */
  remove(jobId: string): Promise<void>;
  /** Releases the connection or file. */
  close(): Promise<void>;
}
