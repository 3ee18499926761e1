/** How far a batch run is. */
export interface BatchCounts {
  /** Non-blank input lines. */
  readonly total: number;
  /** Lines already ok in the output before this run. */
  readonly skipped: number;
  /** Records this run wrote as ok. */
  readonly succeeded: number;
  /** Records this run wrote as failed. */
  readonly failed: number;
}
