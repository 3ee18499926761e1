// @cortex-ml/batch: batch extraction beyond one machine.
// Records: the JSONL input and output formats of `cortex-ml batch`.
export * from "./records/index.js";
// The queue engine: BullMQ + Redis workers.
export { AdaptiveConcurrency, type AdaptiveConcurrencyOptions, type RequestOutcome } from "./queue/adaptive-concurrency.js";
export { type CollectedJob, collectJob } from "./queue/collect-job.js";
export { EndpointPool, type EndpointPoolOptions } from "./queue/endpoint-pool.js";
export { InvalidJobNameError } from "./queue/invalid-job-name-error.js";
export { checkJobName } from "./queue/job-keys.js";
export { JobNotFoundError } from "./queue/job-not-found-error.js";
export { QueueUnreachableError } from "./queue/queue-unreachable-error.js";
export { type JobBudget, type JobSettings, type ModelPrice, type RateLimits, defaultSystemPrompt } from "./queue/job-settings.js";
export { type JobStatus, jobStatus } from "./queue/job-status.js";
export { RecordLostError } from "./queue/record-lost-error.js";
export { type QueueWorker, type RunWorkerOptions, runWorker } from "./queue/run-worker.js";
export { setBudget } from "./queue/set-budget.js";
export { type SubmitJobOptions, type SubmitJobResult, submitJob } from "./queue/submit-job.js";
// Provider batch APIs: OpenAI and Anthropic batches, with re-ask rounds.
export * from "./provider-batch/index.js";
