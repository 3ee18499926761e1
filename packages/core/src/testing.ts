/**
 * Test helpers of cortex-ml: record a suite's LLM answers once, replay them
 * offline on every later run. Nothing here imports a test runner: the hooks
 * are arguments.
 *
 * @example
 * import { afterAll, beforeAll, expect, it } from "vitest";
 * import { useCassette } from "@cortex-ml/core/testing";
 * useCassette({ beforeAll, afterAll }, "extract-people");
 * it("extracts a person", async () => {
 *   expect(await extractPerson("John is 25")).toEqual({ name: "John", age: 25 });
 * });
 */
export { type CassetteHandle, type CassetteHooks, type UseCassetteOptions, useCassette } from "./cassette/use-cassette.js";
export { cassetteFetch } from "./cassette/cassette-fetch.js";
export { readCassette } from "./cassette/read-cassette.js";
export type { CassetteMode, CassetteOptions } from "./cassette/cassette-settings.js";
export type { RecordedEvent, RecordedExchange, RecordedRequest, RecordedResponse } from "./cassette/recorded-exchange.js";
export { CassetteFileError, CassetteMissError } from "./errors/index.js";
