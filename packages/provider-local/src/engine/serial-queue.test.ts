import { describe, expect, it } from "vitest";
import { SerialQueue } from "./serial-queue.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("SerialQueue", () => {
  it("runs tasks one at a time, in order", async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run(task("a")), queue.run(task("b")), queue.run(task("c"))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("drops a waiting task whose signal fires, and passes the signal to a running one", async () => {
    const queue = new SerialQueue();
    const running = new AbortController();
    const first = queue.run(
      (signal) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      running.signal,
    );
    const waiting = new AbortController();
    const second = queue.run(async () => "never", waiting.signal);
    expect(queue.pending).toBe(1);
    waiting.abort(new Error("gone"));
    await expect(second).rejects.toThrow("gone");
    expect(queue.pending).toBe(0);
    running.abort(new Error("stop"));
    await expect(first).rejects.toThrow("stop");
    await expect(queue.run(async () => "next")).resolves.toBe("next");
  });

  it("abortAll stops the running task and cancels the waiting ones", async () => {
    const queue = new SerialQueue();
    const first = queue.run((signal) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason))));
    const second = queue.run(async () => "never");
    queue.abortAll(new Error("disposed"));
    await expect(first).rejects.toThrow("disposed");
    await expect(second).rejects.toThrow("disposed");
    expect(queue.busy).toBe(false);
  });
});
