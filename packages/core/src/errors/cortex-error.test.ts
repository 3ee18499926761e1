import { JsonSchemaConversionError, UnsupportedSchemaError } from "@cortex-ml/schemas";
import { Data, Effect } from "effect";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  CassetteFileError,
  CassetteMissError,
  ConnectionError,
  CortexError,
  InvalidArgumentError,
  LengthLimitError,
  ModelNotFoundError,
  ProviderConfigError,
  RefusalError,
  RequestAbortedError,
  ResponseTooLargeError,
  RetriesExhaustedError,
  TimeoutError,
} from "./index.js";

const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/** One instance of every public error class of core and schemas. */
const errors = [
  new ApiError({ status: 500, baseURL: "u", serverMessage: "m", retryable: true, retryAfterMs: undefined, hint: undefined }),
  new CassetteFileError({ cassettePath: "/c.jsonl", line: 2, problem: "not JSON" }),
  new CassetteMissError({
    cassettePath: "/c.jsonl",
    request: "POST /v1/chat/completions",
    model: "m",
    firstUserMessage: "hi",
    occurrence: 1,
    recordedTimes: 0,
    closestDifference: undefined,
    cassetteExists: true,
  }),
  new ConnectionError({ baseURL: "u", reason: "ECONNREFUSED" }),
  new InvalidArgumentError({ argument: "a", problem: "p" }),
  new LengthLimitError({ model: "m", rawOutput: "{", attempt: 1, usage }),
  new ModelNotFoundError({ model: "m", baseURL: "u", serverMessage: "s" }),
  new ProviderConfigError({ provider: "p", problem: "x", environmentVariable: undefined }),
  new RefusalError({ model: "m", refusal: "no", usage }),
  new RequestAbortedError({ reason: "r" }),
  new ResponseTooLargeError({ baseURL: "u", limitBytes: 1 }),
  new RetriesExhaustedError({ attempts: [], maxRetries: 0, messages: [], usage, model: "m" }),
  new TimeoutError({ scope: "total", timeoutMs: 1, baseURL: "u" }),
  new UnsupportedSchemaError([{ path: "(root)", schemaType: "date", fix: "f" }]),
  new JsonSchemaConversionError("#/x", "p"),
] as const;

type ErrorClass = { readonly name: string; isInstance(value: unknown): boolean };

describe("one pattern for every public error", () => {
  it.each(errors.map((error) => [error.constructor.name, error] as const))("%s: stable name, _tag, isInstance, an Error", (name, error) => {
    const errorClass = error.constructor as unknown as ErrorClass;
    expect(error.name).toBe(name);
    expect(error._tag).toBe(name);
    expect(error).toBeInstanceOf(Error);
    expect(errorClass.isInstance(error)).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it.each(errors.map((error) => [error.constructor.name, error] as const))(
    "%s: isInstance does not match another library's error with the same _tag or name",
    (name) => {
      const errorClass = errors.find((error) => error.constructor.name === name)?.constructor as unknown as ErrorClass;
      class Lookalike extends Data.TaggedError(name)<{}> {}
      const plain = Object.assign(new Error("x"), { _tag: name, name });
      expect(errorClass.isInstance(new Lookalike())).toBe(false);
      expect(errorClass.isInstance(plain)).toBe(false);
      expect(errorClass.isInstance({ _tag: name })).toBe(false);
      expect(errorClass.isInstance(undefined)).toBe(false);
    },
  );

  it("isInstance matches the same error from another copy of the package (the marker is Symbol.for)", () => {
    const fromAnotherCopy = Object.create(
      Object.defineProperty({}, Symbol.for("@cortex-ml/error"), { value: "ConnectionError" }),
    ) as object;
    expect(ConnectionError.isInstance(fromAnotherCopy)).toBe(true);
    expect(ApiError.isInstance(fromAnotherCopy)).toBe(false);
  });

  it("keeps the marker off the error's own fields: JSON and keys show only the data", () => {
    const error = new RequestAbortedError({ reason: "r" });
    expect(Object.getOwnPropertySymbols(error)).not.toContain(Symbol.for("@cortex-ml/error"));
    expect(JSON.parse(JSON.stringify(error))).toEqual({ _tag: "RequestAbortedError", reason: "r", retryable: false });
  });

  it("a class made with CortexError works with Effect.catchTag and yield*", async () => {
    class QuotaError extends CortexError("QuotaError")<{ readonly limit: number }> {}
    const program = Effect.gen(function* () {
      return yield* new QuotaError({ limit: 3 });
    }).pipe(Effect.catchTag("QuotaError", (error) => Effect.succeed(error.limit)));
    expect(await Effect.runPromise(program)).toBe(3);
    expect(QuotaError.isInstance(new QuotaError({ limit: 1 }))).toBe(true);
    expect(QuotaError.isInstance(new ApiError({ status: 1, baseURL: "", serverMessage: "", retryable: false, retryAfterMs: undefined, hint: undefined }))).toBe(false);
  });
});
