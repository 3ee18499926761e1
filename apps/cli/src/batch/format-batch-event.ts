import type { ProviderBatchEvent } from "@cortex-ml/batch";

/** One progress line for a provider batch event, or undefined for events not worth a line. */
export function formatBatchEvent(event: ProviderBatchEvent): string | undefined {
  switch (event.type) {
    case "submitted":
      return `round ${event.round}: submitted batch ${event.batchId} (${event.records} record${event.records === 1 ? "" : "s"})`;
    case "resumed":
      return `round ${event.round}: resuming batch ${event.batchId} (already submitted)`;
    case "polled": {
      const counts = event.counts ? ` ${event.counts.done}/${event.counts.total}` : "";
      return `round ${event.round}: batch ${event.batchId} ${event.status}${counts}`;
    }
    case "poll-failed":
      return `round ${event.round}: polling ${event.batchId} failed (${event.consecutiveFailures} in a row), retrying: ${event.message}`;
    case "collected":
      return `round ${event.round}: ${event.valid} valid, ${event.reasks} to re-ask, ${event.resends} to resend, ${event.failed} failed`;
  }
}
