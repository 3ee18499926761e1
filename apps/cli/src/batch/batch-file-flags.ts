/** The flags of a batch over a JSONL file, live or through a provider batch API. */
export const batchFileFlags = {
  output: { type: "string", short: "o" },
  schema: { type: "string", short: "s" },
  "text-field": { type: "string" },
  system: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;
