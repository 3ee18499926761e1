import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callerDirectory, callerPathVariable, resolveCallerPath } from "../src/caller-directory.js";

describe("paths resolve from where the command was run", () => {
  it("takes the directory from INIT_CWD (set by npm and pnpm), else the working directory", () => {
    expect(callerDirectory({ INIT_CWD: "/home/ada/project" })).toBe("/home/ada/project");
    expect(callerDirectory({ INIT_CWD: "  " })).toBe(process.cwd());
    expect(callerDirectory({})).toBe(process.cwd());
  });

  it("makes relative paths absolute from there, and keeps absolute and ~ paths", () => {
    const environment = { INIT_CWD: "/home/ada/project" };
    expect(resolveCallerPath("../shared/models/m.gguf", environment)).toBe("/home/ada/shared/models/m.gguf");
    expect(resolveCallerPath("m.gguf", environment)).toBe("/home/ada/project/m.gguf");
    expect(resolveCallerPath("/models/m.gguf", environment)).toBe("/models/m.gguf");
    expect(resolveCallerPath("~/models/m.gguf", environment)).toBe("~/models/m.gguf");
    expect(resolveCallerPath("m.gguf", {})).toBe(join(process.cwd(), "m.gguf"));
  });

  it("reads a path variable, trimmed, and treats a blank one as unset", () => {
    const environment = { INIT_CWD: "/home/ada/project", CORTEX_LOCAL_MODEL: " models/m.gguf ", CORTEX_MODELS_DIR: " " };
    expect(callerPathVariable("CORTEX_LOCAL_MODEL", environment)).toBe("/home/ada/project/models/m.gguf");
    expect(callerPathVariable("CORTEX_MODELS_DIR", environment)).toBeUndefined();
    expect(callerPathVariable("CORTEX_LOCAL_MODEL_SPEC", environment)).toBeUndefined();
  });
});
