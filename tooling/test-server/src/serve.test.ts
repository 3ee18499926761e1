import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const children: ChildProcess[] = [];

/** Spawn `tsx src/serve.ts` with the given arguments, as a benchmark does. */
function spawnServe(args: string[]): ChildProcess {
  const child = spawn(tsx, ["src/serve.ts", ...args], { cwd: packageDir, stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  return child;
}

/** The first stdout line of a child, parsed as JSON. */
async function firstLine(child: ChildProcess): Promise<{ port: number; baseURL: string }> {
  let text = "";
  for await (const part of child.stdout!) {
    text += String(part);
    const newline = text.indexOf("\n");
    if (newline >= 0) return JSON.parse(text.slice(0, newline)) as { port: number; baseURL: string };
  }
  throw new Error(`serve.ts exited without printing a line: ${text}`);
}

/** Wait for a child to exit and give its exit code (or signal). */
async function exited(child: ChildProcess): Promise<number | string | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
  return code ?? signal;
}

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

describe("serve.ts", () => {
  it("prints its port and baseURL, answers the content, and exits on SIGTERM", async () => {
    const child = spawnServe(["--content", '{"name":"Ada"}']);
    const info = await firstLine(child);
    expect(info.baseURL).toBe(`http://127.0.0.1:${info.port}/v1`);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${info.baseURL}/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "bench", messages: [] }),
      });
      const json = (await response.json()) as { model: string; choices: Array<{ message: { content: string } }> };
      expect(json.choices[0]?.message.content).toBe('{"name":"Ada"}');
      expect(json.model).toBe("bench");
    }
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  });

  it("exits when its stdin closes", async () => {
    const child = spawnServe(["--content", "x"]);
    const info = await firstLine(child);
    expect(info.port).toBeGreaterThan(0);
    child.stdin!.end();
    expect(await exited(child)).toBe(0);
    await expect(fetch(`${info.baseURL}/models`)).rejects.toThrow(TypeError);
  });

  it("exits with code 2 and the usage without --content", async () => {
    const child = spawnServe([]);
    let stderr = "";
    child.stderr!.on("data", (part: Buffer) => {
      stderr += String(part);
    });
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain("usage: tsx src/serve.ts --content");
  });
});
