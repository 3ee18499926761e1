import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCassetteOptions, environmentCassette, resolveCassetteSettings } from "./cassette-settings.js";

const resolveWith = (options: Parameters<typeof resolveCassetteSettings>[0], environment: Record<string, string>) =>
  resolveCassetteSettings(options, environmentCassette(environment));

describe("resolveCassetteSettings", () => {
  it("is off with neither option nor variables", () => {
    expect(resolveWith(undefined, {})).toBeUndefined();
    expect(resolveWith({}, { CORTEX_RECORD: " ", CORTEX_CASSETTE: "" })).toBeUndefined();
  });

  it("takes each field from the option first, then the variable; the mode defaults to replay", () => {
    const environment = { CORTEX_RECORD: "auto", CORTEX_CASSETTE: "env.jsonl" };
    expect(resolveWith(undefined, environment)).toEqual({ path: resolve("env.jsonl"), mode: "auto" });
    expect(resolveWith({ path: "opt.jsonl" }, environment)).toEqual({ path: resolve("opt.jsonl"), mode: "auto" });
    expect(resolveWith({ mode: "record" }, environment)).toEqual({ path: resolve("env.jsonl"), mode: "record" });
    expect(resolveWith({ path: "/abs/c.jsonl" }, {})).toEqual({ path: "/abs/c.jsonl", mode: "replay" });
  });

  it("an option mode wins even over a CORTEX_RECORD that is not a mode", () => {
    expect(resolveWith({ path: "c.jsonl", mode: "record" }, { CORTEX_RECORD: "bogus" })?.mode).toBe("record");
    expect(() => resolveWith({ path: "c.jsonl" }, { CORTEX_RECORD: "bogus" })).toThrow(/Invalid `CORTEX_RECORD`/);
  });

  it("a mode without a path fails, naming CORTEX_CASSETTE", () => {
    expect(() => resolveWith({ mode: "replay" }, {})).toThrow(/Invalid `CORTEX_CASSETTE`: CORTEX_RECORD=replay needs a cassette file/);
  });
});

describe("checkCassetteOptions", () => {
  it("accepts nothing, a path, a mode or both", () => {
    expect(checkCassetteOptions(undefined)).toBeUndefined();
    expect(checkCassetteOptions({ path: "c.jsonl", mode: "auto" })).toEqual({ path: "c.jsonl", mode: "auto" });
  });

  it.each([[null], [{ path: 3 }], [{ path: "  " }], [{ mode: "REPLAY" }]])("rejects %j", (value) => {
    expect(() => checkCassetteOptions(value)).toThrow(/Invalid `cassette/);
  });
});
