import { createConnection } from "node:net";
import { describe, expect, it } from "vitest";
import { startRedisServer } from "./redis-server.js";

/** Sends one inline Redis command and resolves with the first reply line. */
function command(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write(`${text}\r\n`));
    socket.once("data", (data) => {
      socket.end();
      resolve(data.toString().split("\r\n")[0] ?? "");
    });
    socket.once("error", reject);
  });
}

describe("startRedisServer", () => {
  it("starts a real redis-server on 127.0.0.1 with its own folder, and an AOF that survives a restart", async () => {
    const redis = await startRedisServer({ appendOnly: true });
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await command(redis.port, "SET greeting hello")).toBe("+OK");
      await redis.restart();
      expect(await command(redis.port, "GET greeting")).toBe("$5");
    } finally {
      await redis.close();
    }
  });

  it("says what to install when there is no redis-server", async () => {
    await expect(startRedisServer({ binary: "no-such-redis-server" })).rejects.toThrow(/apt-get install redis-server/);
  });
});
