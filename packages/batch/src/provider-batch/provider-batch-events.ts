/** What a provider batch job reports while it runs. */
export type ProviderBatchEvent =
  | { readonly type: "submitted"; readonly round: number; readonly batchId: string; readonly records: number }
  | { readonly type: "resumed"; readonly round: number; readonly batchId: string }
  | {
      readonly type: "polled";
      readonly round: number;
      readonly batchId: string;
      readonly status: string;
      readonly counts: { readonly total: number; readonly done: number; readonly failed: number } | undefined;
    }
  | { readonly type: "poll-failed"; readonly round: number; readonly batchId: string; readonly message: string; readonly consecutiveFailures: number }
  | {
      readonly type: "collected";
      readonly round: number;
      readonly batchId: string;
      readonly valid: number;
      /** Records whose answer was invalid and that get a re-ask in the next round. */
      readonly reasks: number;
      /** Records the provider could not answer that are sent again. */
      readonly resends: number;
      readonly failed: number;
    };
