import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseJsonBody, readBody } from "./read-body.js";

/** A stand-in request: a stream with headers. */
function fakeRequest(headers: Record<string, string> = {}): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers }) as unknown as PassThrough & IncomingMessage;
}

describe("readBody", () => {
  it("reads the whole body as UTF-8", async () => {
    const request = fakeRequest();
    const reading = readBody(request, 100);
    request.write(Buffer.from("héllo ", "utf8"));
    request.end(Buffer.from("wörld", "utf8"));
    await expect(reading).resolves.toEqual({ ok: true, text: "héllo wörld" });
  });

  it("refuses a declared content-length above the limit without reading", async () => {
    await expect(readBody(fakeRequest({ "content-length": "11" }), 10)).resolves.toEqual({ ok: false, tooLarge: true });
  });

  it("stops once more than the limit arrived", async () => {
    const request = fakeRequest();
    const reading = readBody(request, 10);
    request.write("123456");
    request.write("789012");
    await expect(reading).resolves.toEqual({ ok: false, tooLarge: true });
  });

  it("rejects when the request errors", async () => {
    const request = fakeRequest();
    const reading = readBody(request, 10);
    request.destroy(new Error("boom"));
    await expect(reading).rejects.toThrow("boom");
  });
});

describe("parseJsonBody", () => {
  it("parses JSON and gives undefined for empty or malformed text", () => {
    expect(parseJsonBody('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseJsonBody("")).toBeUndefined();
    expect(parseJsonBody("  ")).toBeUndefined();
    expect(parseJsonBody("{nope")).toBeUndefined();
  });
});
