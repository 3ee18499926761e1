import { statusReply, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const server = useTestServer({ beforeEach, afterEach }, { models: ["llama3.2", "phi3"] });

describe("cortex-ml (built binary)", () => {
  it("prints help and the version", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: cortex-ml <command>");
    const version = await runCli(["--version"]);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("models lists the endpoint's models, as lines or JSON", async () => {
    const lines = await runCli(["models"], { OLLAMA_BASE_URL: server.baseURL });
    expect(lines).toMatchObject({ code: 0, stdout: "llama3.2\nphi3\n" });
    const json = await runCli(["models", "--json", "--base-url", server.baseURL]);
    expect(JSON.parse(json.stdout)).toEqual(["llama3.2", "phi3"]);
  });

  it("says `ollama serve` in one line, exit 3, when the endpoint is down", async () => {
    const run = await runCli(["models", "--base-url", "http://127.0.0.1:1/v1"]);
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("ollama serve");
  });

  it("gives JSON errors for scripts and never prints the API key", async () => {
    const key = "sk-live-abcdefghijklmnop0123";
    server.enqueue(statusReply(500, { error: { message: "x" } }));
    const run = await runCli(["models", "--json", "--verbose", "--base-url", "http://127.0.0.1:1/v1", "--api-key", key]);
    const parsed = JSON.parse(run.stderr.trim().split("\n")[0] ?? "{}") as { error: { name: string; exitCode: number } };
    expect(parsed.error).toMatchObject({ name: "ConnectionError", exitCode: 3 });
    expect(run.stderr + run.stdout).not.toContain(key);
  });

  it("rejects unknown commands and options with exit 2", async () => {
    expect((await runCli(["fly"])).code).toBe(2);
    const bad = await runCli(["models", "--nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--nope");
  });
});
