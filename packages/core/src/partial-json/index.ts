export { PartialJsonError, type PartialJsonErrorCode } from "./partial-json-error.js";
export type { JsonPath, PartialJsonParserOptions } from "./partial-json-options.js";
export { PartialJsonParser } from "./partial-json-parser.js";
export { parsePartialJsonOnce } from "./parse-partial-json-once.js";
