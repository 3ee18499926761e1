/** Time between two polls of a provider batch when --poll-interval is not given. */
export const defaultPollIntervalMs = 30_000;

/** Help of `cortex-ml batch --via ...`. */
export const providerBatchHelp = `Provider batch APIs (half the price, results within 24 hours):
  cortex-ml batch INPUT.jsonl -o OUTPUT.jsonl --schema SCHEMA --model MODEL --via openai-batch|anthropic-batch

  --via API            openai-batch (OpenAI Batch API) or anthropic-batch (Anthropic Message Batches);
                       the provider defaults to the API's (openai / anthropic), its key from
                       OPENAI_API_KEY / ANTHROPIC_API_KEY or --api-key
  --poll-interval T    time between two polls: 30s (default), 500ms, 2m
  --state PATH         the job's state: a SQLite file (default OUTPUT.jsonl.batch-state.db), or
                       redis://host:6379 to drive the job from any machine
  --job NAME           the job's name in the state (default: the output file's full path)
  --max-tokens N       max_tokens of every request (Anthropic requires one; default 4096 there)

Every record is sent as one batch; answers that do not validate go out again in a
follow-up batch of re-asks (the original messages + the bad answer + the error), up to
--max-retries rounds. A truncated answer is a LengthLimitError record, never re-asked.
Each output line carries a ledger: {"attempts":2,"reasks":1,"resends":0,"usage":{...}}.
Interrupted (Ctrl-C, a crash)? Rerun the same command: submitted batches are polled
again, never resubmitted. A finished job's failed records stay failed; use another
--job (or remove the state file) to try them again.`;
