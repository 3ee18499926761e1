export { grounded, type GroundedOptions } from "./grounded.js";
export { llmValidator, type LlmValidatorOptions, type LlmVerdict } from "./llm-validator.js";
export { moderation, type ModerationOptions } from "./moderation.js";
export { ModerationUnavailableError } from "./moderation-unavailable-error.js";
