import { describe, expect, it } from "vitest";
import { EndpointPool } from "./endpoint-pool.js";

const endpoints = [
  { url: "http://a/v1", client: "a" },
  { url: "http://b/v1", client: "b" },
];

describe("EndpointPool", () => {
  it("spreads requests over the endpoints, the emptiest first", async () => {
    const pool = new EndpointPool(endpoints, { initial: 2 });
    const leases = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire(), pool.acquire()]);
    expect(leases.map((lease) => lease.endpoint.client).sort()).toEqual(["a", "a", "b", "b"]);
  });

  it("takes a failing endpoint out, sends the next requests to the other, and tries it again later", async () => {
    const pool = new EndpointPool(endpoints, { initial: 4, takeOutMs: 150 });
    const first = await pool.acquire();
    const failed = first.endpoint.client;
    first.release({ kind: "failed" });
    for (let index = 0; index < 3; index += 1) {
      const lease = await pool.acquire();
      expect(lease.endpoint.client).not.toBe(failed);
      lease.release({ kind: "answered", latencyMs: 5 });
    }
    expect(pool.snapshot().find((endpoint) => endpoint.url === first.endpoint.url)?.out).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pool.snapshot().every((endpoint) => !endpoint.out)).toBe(true);
  });

  it("honours a 429's Retry-After and halves that endpoint's limit", async () => {
    const pool = new EndpointPool([endpoints[0] as { url: string; client: string }], { initial: 8, takeOutMs: 10 });
    const lease = await pool.acquire();
    lease.release({ kind: "overloaded", retryAfterMs: 300 });
    expect(pool.snapshot()[0]).toMatchObject({ limit: 4, out: true });
    const startedAt = Date.now();
    const next = await pool.acquire();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
    next.release({ kind: "answered", latencyMs: 5 });
  });

  it("waits when every slot is taken, and stops waiting on abort", async () => {
    const pool = new EndpointPool([endpoints[0] as { url: string; client: string }], { initial: 1, maximum: 1 });
    const held = await pool.acquire();
    const waiting = pool.acquire();
    setTimeout(() => held.release({ kind: "answered", latencyMs: 1 }), 50);
    expect((await waiting).endpoint.client).toBe("a");
    const abort = new AbortController();
    const aborted = pool.acquire(abort.signal);
    abort.abort(new Error("closing"));
    await expect(aborted).rejects.toThrow("closing");
  });
});
