import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCassetteOptions, resolveCassetteSettings } from "./cassette-settings.js";

describe("resolveCassetteSettings", () => {
  it("is off with neither option nor variables", () => {
    expect(resolveCassetteSettings(undefined, {})).toBeUndefined();
    expect(resolveCassetteSettings({}, { CORTEX_RECORD: " ", CORTEX_CASSETTE: "" })).toBeUndefined();
  });

  it("takes each field from the option first, then the variable; the mode defaults to replay", () => {
    const environment = { CORTEX_RECORD: "auto", CORTEX_CASSETTE: "env.jsonl" };
    expect(resolveCassetteSettings(undefined, environment)).toEqual({ path: resolve("env.jsonl"), mode: "auto" });
    expect(resolveCassetteSettings({ path: "opt.jsonl" }, environment)).toEqual({ path: resolve("opt.jsonl"), mode: "auto" });
    expect(resolveCassetteSettings({ mode: "record" }, environment)).toEqual({ path: resolve("env.jsonl"), mode: "record" });
    expect(resolveCassetteSettings({ path: "/abs/c.jsonl" }, {})).toEqual({ path: "/abs/c.jsonl", mode: "replay" });
  });

  it("an option mode wins even over a CORTEX_RECORD that is not a mode", () => {
    expect(resolveCassetteSettings({ path: "c.jsonl", mode: "record" }, { CORTEX_RECORD: "bogus" })?.mode).toBe("record");
    expect(() => resolveCassetteSettings({ path: "c.jsonl" }, { CORTEX_RECORD: "bogus" })).toThrow(/Invalid `CORTEX_RECORD`/);
  });

  it("a mode without a path fails, naming CORTEX_CASSETTE", () => {
    expect(() => resolveCassetteSettings({ mode: "replay" }, {})).toThrow(/Invalid `CORTEX_CASSETTE`: CORTEX_RECORD=replay needs a cassette file/);
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
