import { join } from "node:path";
import { contentDeltaChunks, streamReply, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { fakeIO, fakeOutput } from "./fake-io.js";
import { startCliInTerminal } from "./run-cli.js";

const fixtures = join(import.meta.dirname, "fixtures");
const server = useTestServer({ beforeEach, afterEach }, { probes: "honour" });

/** The lines a frame takes on the screen, and how far up it first moved the cursor to erase the one before. */
function frameShape(frame: string): { lines: number; movedUp: number } {
  const movedUp = Number(/^\u001b\[(\d+)F\u001b\[0J/.exec(frame)?.[1] ?? 0);
  const drawn = frame.replace(/^\u001b\[\d+F\u001b\[0J/, "");
  return { lines: drawn === "" ? 0 : drawn.split("\n").length - 1, movedUp };
}

describe("extract --stream on a terminal", () => {
  it("draws an object taller than the window as its last lines only, so no stale copy is left in the scrollback", async () => {
    const tall = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`field${index}`, `value ${index}`]));
    server.enqueue(streamReply(contentDeltaChunks(JSON.stringify(tall), 40)));
    const stdout = fakeOutput({ isTTY: true, rows: 10, columns: 60 });
    const io = fakeIO({ environment: { OLLAMA_BASE_URL: server.baseURL }, stdout });
    const code = await main(["extract", "x", "--schema", join(fixtures, "tall.json"), "--stream", "--compact"], io);
    expect(io.stderr.text()).toBe("");
    expect(code).toBe(0);
    const frames = stdout.writes.slice(0, -2);
    expect(frames.length).toBeGreaterThan(5);
    let previousLines = 0;
    for (const frame of frames) {
      const { lines, movedUp } = frameShape(frame);
      // Every frame fits the window (one row is left for the cursor) and erases exactly the frame before it.
      expect(lines).toBeLessThanOrEqual(9);
      expect(movedUp).toBe(previousLines);
      previousLines = lines;
    }
    expect(frames.some((frame) => /^(\u001b\[\d+F\u001b\[0J)?… \d+ more lines above\n/.test(frame))).toBe(true);
    // The last frame is erased, then the whole object printed.
    expect(stdout.writes.at(-2)).toBe(`\u001b[${previousLines}F\u001b[0J`);
    expect(JSON.parse(stdout.writes.at(-1) ?? "")).toEqual(tall);
  });

  it("Ctrl-C erases the live object, says it was interrupted, and exits 130", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Halfway There","age":42}', 8), { stallAfter: 3 }));
    const run = startCliInTerminal(["extract", "x", "--schema", join(fixtures, "person.json"), "--stream"], { OLLAMA_BASE_URL: server.baseURL });
    const deadline = Date.now() + 10_000;
    while (!run.output().includes('"name": "Half') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(run.output()).toContain('"name": "Half');
    run.type("\u0003");
    expect(await run.exited).toBe(130);
    const afterPartial = run.output().slice(run.output().lastIndexOf('"name": "Half'));
    expect(afterPartial).toMatch(/\u001b\[\d+F\u001b\[0J/);
    expect(afterPartial).toContain("cortex-ml: Interrupted: stopped by Ctrl-C (SIGINT) before the answer was complete");
  });
});
