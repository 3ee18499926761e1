import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real `redis-server` on 127.0.0.1, for tests. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Its own data folder (the AOF file is there when `appendOnly`). */
  readonly directory: string;
  /** Stops it (SIGTERM, SIGKILL after `graceMs`) and waits for it to exit; the data folder stays. */
  stop(graceMs?: number): Promise<void>;
  /** Stops it and starts it again on the same port and folder (with AOF, the data survives). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Write every change to an append-only file (`appendfsync always`). Default false. */
  readonly appendOnly?: boolean;
  /** The `redis-server` binary. Default `redis-server` on PATH. */
  readonly binary?: string;
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/** The first reply line to an inline `PING`, or undefined when nothing answers. */
function ping(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.end();
      resolve(data.toString().split("\r\n")[0]);
    });
    socket.once("error", () => resolve(undefined));
  });
}

/** Resolves once the server answers `PING` with `PONG` (done loading its AOF), or rejects after `timeoutMs`. */
async function waitForReady(port: number, timeoutMs: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${stderr().trim()}`);
    if ((await ping(port)) === "+PONG") return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms: ${stderr().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Starts Debian's `redis-server` on 127.0.0.1 with a free port and its own
 * data folder (no config file, no persistence unless `appendOnly`), and
 * resolves once it answers `PING` (its data loaded). Throws, saying what to install, when
 * there is no `redis-server` (`.ci/run` installs it with apt).
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), "cortex-redis-"));
  const binary = options.binary ?? "redis-server";
  const args = [
    "--bind", "127.0.0.1", "--port", String(port), "--dir", directory, "--save", "", "--protected-mode", "yes",
    "--appendonly", options.appendOnly ? "yes" : "no", "--appendfsync", "always", "--daemonize", "no", "--loglevel", "warning",
  ];
  let child: ChildProcess;
  const launch = async () => {
    let stderr = "";
    child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once("spawn", () => resolve());
      child.once("error", (error) =>
        reject(new Error(`cannot start ${binary} (${error.message}): install Redis 7 (Debian: apt-get install redis-server)`)),
      );
    });
    await spawned;
    await waitForReady(port, 10_000, child, () => stderr);
  };
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    directory,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    close: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
