// @cortex-ml/batch: queue workers (BullMQ + Redis) and provider batch APIs.
// The engine's modules are exported here as they land (issue 19).
export * from "./provider-batch/index.js";
