import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

const post = (url: string) => fetch(`${url}/v1/chat/completions`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });

describe("raw replies with faults", () => {
  it("cutAfterBytes ends the body early, so reading it fails", async () => {
    server = await startTestServer({ replies: [{ kind: "raw", body: '{"id":"x","choices":[]}', cutAfterBytes: 5, headers: { "content-type": "application/json" } }] });
    const response = await post(server.url);
    await expect(response.text()).rejects.toThrow();
  });

  it("dripBytes sends the body a few bytes at a time, without content-length", async () => {
    server = await startTestServer({ replies: [{ kind: "raw", body: "abcdefghij", dripBytes: 1, dripDelayMs: 5 }] });
    const started = Date.now();
    const response = await post(server.url);
    expect(response.headers.get("content-length")).toBeNull();
    expect(await response.text()).toBe("abcdefghij");
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});
