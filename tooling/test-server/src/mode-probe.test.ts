import { describe, expect, it } from "vitest";
import { isModeProbe, probeReply } from "./mode-probe.js";
import { startTestServer } from "./test-server.js";
import { completion } from "./completion.js";

const probeBody = {
  model: "m",
  messages: [{ role: "user", content: "Say hello." }],
  response_format: { type: "json_schema", json_schema: { name: "cortex_probe", schema: {}, strict: true } },
};

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  return json.choices[0]?.message.content;
}

describe("mode probes", () => {
  it("recognises the probe by its schema's name only", () => {
    expect(isModeProbe(probeBody)).toBe(true);
    expect(isModeProbe({ ...probeBody, response_format: { type: "json_schema", json_schema: { name: "Person" } } })).toBe(false);
    expect(isModeProbe({ response_format: { type: "json_object" } })).toBe(false);
    expect(isModeProbe(undefined)).toBe(false);
  });

  it("answers probes apart from the script and keeps them out of `requests`", async () => {
    const server = await startTestServer({ probes: "honour", replies: [completion('{"a":1}')] });
    try {
      expect(await post(server.url, probeBody)).toBe('{"cortex_probe":"ok"}');
      expect(await post(server.url, { model: "m", messages: [] })).toBe('{"a":1}');
      expect(server.probes).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("answers in prose as a server that ignores json_schema", async () => {
    expect(probeReply("ignore")).toMatchObject({ kind: "completion", content: expect.stringMatching(/^Hello/) });
    const server = await startTestServer({ probes: "ignore" });
    try {
      expect(await post(server.url, probeBody)).toMatch(/^Hello/);
    } finally {
      await server.close();
    }
  });

  it("without the option, a probe is an ordinary request that takes the next scripted reply", async () => {
    const server = await startTestServer({ replies: [completion("scripted")] });
    try {
      expect(await post(server.url, probeBody)).toBe("scripted");
      expect(server.requests).toHaveLength(1);
      expect(server.probes).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
