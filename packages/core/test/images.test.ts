import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completion, startTestServer, type TestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildMessages, fromProvider, Mode } from "../src/index.js";

const pngBytes = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const Caption = v.object({ caption: v.string() });
let server: TestServer;
let images: Server;
let imagesURL: string;

beforeEach(async () => {
  server = await startTestServer();
  images = createServer((request, response) => {
    if (request.url === "/cat.png") {
      response.writeHead(200, { "content-type": "image/png", "content-length": String(pngBytes.length) });
      response.end(pngBytes);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  const address = images.address();
  imagesURL = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterEach(async () => {
  await server.close();
  await new Promise<void>((resolve) => images.close(() => resolve()));
});

const imageURLs = () =>
  ((server.requests[0]?.body as { messages: Array<{ content: unknown }> }).messages.at(-1)?.content as Array<{ type: string; image_url?: { url: string } }>)
    .filter((part) => part.type === "image_url")
    .map((part) => part.image_url?.url);

describe("images in messages", () => {
  it("buildMessages takes a file path, base64 and a URL", () => {
    const directory = mkdtempSync(join(tmpdir(), "cortex-images-"));
    const path = join(directory, "photo.png");
    writeFileSync(path, pngBytes);
    const [message] = buildMessages({
      user: ["Describe these.", { type: "image", path }, { type: "image", base64: "AAAA", mediaType: "image/jpeg" }, { type: "image", url: "https://example.com/a.png", detail: "low" }],
    });
    expect(message?.content).toEqual([
      { type: "text", text: "Describe these." },
      { type: "image_url", image_url: { url: `data:image/png;base64,${pngBytes.toString("base64")}` } },
      { type: "image_url", image_url: { url: "data:image/jpeg;base64,AAAA" } },
      { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
    ]);
  });

  it("names the fix for an unreadable path or unknown type", () => {
    expect(() => buildMessages({ user: [{ type: "image", path: "/nope/missing.png" }] })).toThrow(/cannot read "\/nope\/missing.png"/);
    expect(() => buildMessages({ user: [{ type: "image", path: "notes.txt" }] })).toThrow(/unknown image type/);
  });

  it("Ollama gets remote images inlined as base64 data URLs", async () => {
    server.enqueue(completion('{"caption":"a cat"}'));
    const client = fromProvider("ollama/llava", { environment: { OLLAMA_BASE_URL: server.baseURL }, mode: Mode.JSON_SCHEMA });
    const messages = buildMessages({ user: ["Caption this.", { type: "image", url: `${imagesURL}/cat.png` }] });
    const result = await client.chat.completions.create({ responseModel: Caption, messages });
    expect(result).toEqual({ caption: "a cat" });
    expect(imageURLs()).toEqual([`data:image/png;base64,${pngBytes.toString("base64")}`]);
    // The caller's messages are untouched.
    expect(JSON.stringify(messages)).toContain(`${imagesURL}/cat.png`);
  });

  it("other providers get the URL as is", async () => {
    server.enqueue(completion('{"caption":"a cat"}'));
    const client = fromProvider("openai/gpt-4o", { environment: { OPENAI_API_KEY: "sk-t-123456789" }, baseURL: server.baseURL });
    await client.chat.completions.create({ responseModel: Caption, messages: buildMessages({ user: ["Caption.", { type: "image", url: `${imagesURL}/cat.png` }] }) });
    expect(imageURLs()).toEqual([`${imagesURL}/cat.png`]);
  });

  it("a remote image that cannot be downloaded fails before the call, saying what to pass instead", async () => {
    const client = fromProvider("ollama/llava", { environment: { OLLAMA_BASE_URL: server.baseURL } });
    const error = await client.chat.completions
      .create({ responseModel: Caption, messages: buildMessages({ user: [{ type: "image", url: `${imagesURL}/missing.png` }] }) })
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("InvalidArgumentError");
    expect((error as Error).message).toContain("HTTP 404");
    expect((error as Error).message).toContain("{ type: \"image\", path }");
    expect(server.requests).toHaveLength(0);
  });
});

describe("providers without image input", () => {
  it("refuse images before any request, saying so", async () => {
    const { registerProvider, Mode, fromProvider: make } = await import("../src/index.js");
    registerProvider({ name: "text-only", baseURL: server.baseURL, requiresApiKey: false, defaultMode: Mode.JSON, supportedModes: [Mode.JSON], imageInput: "none" });
    const client = make("text-only/m");
    const error = await client.chat.completions
      .create({ responseModel: Caption, messages: buildMessages({ user: ["Caption.", { type: "image", url: "https://example.com/a.png" }] }) })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('provider "text-only" takes no images');
    expect(server.requests).toHaveLength(0);
  });
});
