import { contentDeltaChunks, streamReply, toolCallsDeltaChunks, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, createInstructor, createIterable, createPartial, iterable, Mode } from "../src/index.js";
import { ChunkAccumulator } from "../src/streaming/chunk-accumulator.js";
import { collect } from "./support/collect.js";

const User = v.object({ name: v.string(), tags: v.array(v.string()), address: v.object({ city: v.string() }) });
const messages = [{ role: "user" as const, content: "profile" }];
const server = useTestServer({ beforeEach, afterEach });
const client = () => createInstructor({ baseURL: server.baseURL, model: "m", transportRetry: { maxRetries: 0 } });


describe("createPartial snapshots", () => {
  it("never repeat the snapshot before them (pretty-printed JSON, keys, numbers in progress)", async () => {
    const text = JSON.stringify({ name: "Ann Lee", tags: ["a", "bb"], address: { city: "Oslo" } }, null, 4);
    server.enqueue(streamReply(contentDeltaChunks(text, 1)));
    const events = await collect(createPartial(client(), { responseModel: User, messages }));
    const snapshots = events.filter((event) => !event.done).map((event) => JSON.stringify(event.data));
    expect(snapshots.length).toBeGreaterThan(10);
    for (let index = 1; index < snapshots.length; index += 1) expect(snapshots[index], `snapshot ${index}`).not.toBe(snapshots[index - 1]);
    expect(events.at(-1)).toMatchObject({ done: true, data: { name: "Ann Lee", tags: ["a", "bb"], address: { city: "Oslo" } } });
  });

  it("hold only the schema's keys; the final object is validated from the whole answer as before", async () => {
    const text = '{"name":"Ann","note":"not in the schema","tags":["x"],"address":{"city":"Oslo","zip":"0150","geo":{"lat":1}},"extra":[1,2,3]}';
    server.enqueue(streamReply(contentDeltaChunks(text, 3)));
    const events = await collect(createPartial(client(), { responseModel: User, messages }));
    for (const event of events.filter((item) => !item.done)) {
      const data = event.data as Record<string, unknown>;
      for (const key of Object.keys(data)) expect(["name", "tags", "address"]).toContain(key);
      for (const key of Object.keys((data.address as object | undefined) ?? {})) expect(key).toBe("city");
    }
    expect(events.at(-1)).toMatchObject({ done: true, data: { name: "Ann", tags: ["x"], address: { city: "Oslo" } } });
  });

  it("isComplete answers for the snapshot it came with, even when the reader is behind the parser", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Jane","tags":["a"],"address":{"city":"Long name"}}', 3)));
    const events = await collect(createPartial(client(), { responseModel: User, messages }));
    // Every snapshot was read after the whole answer had been parsed.
    const atCity = events.find((event) => !event.done && typeof event.data.address?.city === "string" && event.data.address.city !== "Long name");
    expect(atCity && !atCity.done && atCity.isComplete(["name"])).toBe(true);
    expect(atCity && !atCity.done && atCity.isComplete(["address", "city"])).toBe(false);
    expect(atCity && !atCity.done && atCity.isComplete(["address"])).toBe(false);
  });

  it("an error event inside the stream is an ApiError with the server's message", async () => {
    server.enqueue(streamReply([...contentDeltaChunks('{"name":"A', 3).slice(0, 2), { error: { message: "model crashed", code: 500 } }]));
    const error = await collect(createPartial(client(), { responseModel: User, messages })).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 500 });
    expect((error as Error).message).toContain("model crashed");
  });
});

describe("PARALLEL_TOOLS streaming", () => {
  const Item = v.object({ id: v.number(), text: v.string() });

  it("yields each tool call's element when the next call starts, all of them in the end", async () => {
    const calls = Array.from({ length: 30 }, (_, index) => ({ name: "Item", arguments: JSON.stringify({ id: index, text: `item ${index}` }) }));
    server.enqueue(streamReply(toolCallsDeltaChunks(calls, 4)));
    const items = await collect(createIterable(client(), { responseModel: iterable(Item), messages, mode: Mode.PARALLEL_TOOLS }));
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 30 }, (_, index) => index));
  });

  it("joins each call's arguments once: the accumulator's work is linear in the arguments", () => {
    const accumulator = new ChunkAccumulator();
    const parts: string[] = [];
    const join = Array.prototype.join;
    let joinedCharacters = 0;
    Array.prototype.join = function counted(this: unknown[], separator?: string) {
      const joined = join.call(this, separator);
      joinedCharacters += joined.length;
      return joined;
    };
    try {
      for (let call = 0; call < 200; call += 1) {
        for (let part = 0; part < 50; part += 1) {
          const text = `{"n":${part}}`.slice(0, 4);
          parts.push(text);
          accumulator.push({ choices: [{ index: 0, delta: { tool_calls: [{ index: call, ...(part === 0 ? { id: `c${call}`, function: { name: "Item", arguments: text } } : { function: { arguments: text } }) }] } }] } as never);
        }
        if (call > 0) accumulator.toolCall(call - 1);
      }
    } finally {
      Array.prototype.join = join;
    }
    // Each call's ~200 characters are joined once: about the total, not the total times the chunks.
    expect(joinedCharacters).toBeLessThanOrEqual(parts.join("").length);
  });
});
