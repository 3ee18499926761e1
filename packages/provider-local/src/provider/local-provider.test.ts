import { fromProvider, getProvider, Mode, registerProvider } from "@cortex-ml/core";
import { describe, expect, it } from "vitest";
import "../index.js";
import { fromLocalModel } from "./from-local-model.js";
import { localProvider, registerLocalProvider } from "./local-provider.js";

describe("the local provider", () => {
  it("is registered by importing the package, and passes core's registry checks", () => {
    expect(getProvider("local")).toBe(localProvider);
    registerLocalProvider();
    expect(() => registerProvider(localProvider)).not.toThrow();
    expect(localProvider).toMatchObject({ requiresApiKey: false, placeholderApiKey: "local", defaultMode: Mode.AUTO, imageInput: "none" });
  });

  it("reads the model part of the provider string as the path", () => {
    expect(fromProvider("local//abs/path/model.gguf").model).toBe("/abs/path/model.gguf");
    const relative = fromProvider("local/./models/x.gguf");
    expect(relative.model).toBe("./models/x.gguf");
    expect(relative.baseURL).toBe("local:x.gguf");
    expect(fromProvider("local/hf:user/repo/tiny.gguf").baseURL).toBe("local:tiny.gguf");
  });

  it("names the supported modes when asked for another", () => {
    expect(() => fromLocalModel("./x.gguf", { mode: "yaml" as never })).toThrow(/unknown mode "yaml". Use one of: Mode.JSON/);
  });
});
