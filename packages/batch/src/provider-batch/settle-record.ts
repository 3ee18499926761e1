import type { StructuredRequestPlan, TokenUsage } from "@cortex-ml/core";
import type { BatchItemOutcome } from "./batch-provider.js";
import type { RecordState } from "./job-state.js";
import { recordFailureOf } from "./record-failure.js";

/** What became of a record after one round. */
export type RecordTurn = "valid" | "reask" | "resend" | "failed";

function plus(total: TokenUsage, extra: TokenUsage): TokenUsage {
  return {
    promptTokens: total.promptTokens + extra.promptTokens,
    completionTokens: total.completionTokens + extra.completionTokens,
    totalTokens: total.totalTokens + extra.totalTokens,
  };
}

/**
 * Applies one batch item's outcome to its record: a valid answer is done; an
 * invalid one gets a re-ask (the original messages + that answer + the
 * feedback, never the whole history) while re-asks are left, else fails with
 * `RetriesExhaustedError`; a truncated or refused answer fails at once
 * (`LengthLimitError`, `RefusalError`: never re-asked as if invalid); an item
 * the provider could not answer is resent while resends are left.
 */
export async function settleRecord(record: RecordState, outcome: BatchItemOutcome, plan: StructuredRequestPlan, maxResends: number): Promise<RecordTurn> {
  if (outcome.kind === "error") {
    if (outcome.error.retryable && record.resends < maxResends) {
      record.resends += 1;
      record.status = "pending";
      return "resend";
    }
    record.status = "failed";
    record.error = recordFailureOf(outcome.error);
    return "failed";
  }
  record.attempts += 1;
  let verdict: Awaited<ReturnType<StructuredRequestPlan["judge"]>>;
  try {
    verdict = await plan.judge(outcome.completion, record.attempts, record.usage);
  } catch (error) {
    // A validator that threw (a defect in user code): the record fails with it, the job goes on.
    record.status = "failed";
    record.error = recordFailureOf(error);
    return "failed";
  }
  record.usage = plus(record.usage, verdict.usage);
  if (verdict.kind === "valid") {
    record.status = "done";
    record.data = verdict.data;
    record.followUp = undefined;
    return "valid";
  }
  if (verdict.kind === "failed") {
    record.status = "failed";
    record.error = recordFailureOf(verdict.error);
    return "failed";
  }
  record.rejected.push(verdict.rejected);
  if (record.attempts <= plan.maxRetries) {
    record.reasks += 1;
    record.followUp = verdict.followUp;
    record.status = "pending";
    return "reask";
  }
  record.status = "failed";
  record.error = recordFailureOf(plan.exhausted(record.rejected, record.usage, record.followUp));
  return "failed";
}
