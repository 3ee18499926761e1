import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelDownloadError } from "../errors/model-download-error.js";
import { modelsDirectory } from "./models-directory.js";
import { isRemoteModelSpec, resolveModelPath } from "./resolve-model-path.js";

function listen(server: Server): Promise<number> {
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done((server.address() as { port: number }).port)));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((done) => server.close(done));
  return port;
}

describe("resolveModelPath", () => {
  let directory: string;
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "cortex-models-"));
    // Accepts connections and never answers: a host that is "up" but stalls.
    silent = createServer((socket) => void sockets.push(socket));
    silentPort = await listen(silent);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => silent.close(done));
    await rm(directory, { recursive: true, force: true });
  });

  it("makes local paths absolute, relative to the working directory, with ~ expanded", async () => {
    expect(await resolveModelPath("./models/x.gguf")).toBe(resolve("models/x.gguf"));
    expect(await resolveModelPath("/abs/x.gguf")).toBe("/abs/x.gguf");
    expect(await resolveModelPath("~/models/x.gguf")).toBe(join(homedir(), "models/x.gguf"));
    expect(isRemoteModelSpec("hf:user/repo/x.gguf")).toBe(true);
    expect(isRemoteModelSpec("https://example.com/x.gguf")).toBe(true);
    expect(isRemoteModelSpec("./hf/x.gguf")).toBe(false);
  });

  it("keeps downloads in $CORTEX_MODELS_DIR, else ~/.cache/cortex-ml/models", () => {
    expect(modelsDirectory({ CORTEX_MODELS_DIR: "/data/models" })).toBe("/data/models");
    expect(modelsDirectory({})).toBe(join(homedir(), ".cache", "cortex-ml", "models"));
  });

  it("uses a model already in the cache without the network", async () => {
    await writeFile(join(directory, "hf_user_repo_cached.gguf"), "GGUF");
    const path = await resolveModelPath("hf:user/repo/cached.gguf", { directory, endpoints: { huggingFace: `http://127.0.0.1:${await closedPort()}/` } });
    expect(path).toBe(join(directory, "hf_user_repo_cached.gguf"));
  });

  it("fails fast and clearly when the download host is unreachable", async () => {
    const started = Date.now();
    const attempt = resolveModelPath("hf:user/repo/model.gguf", { directory, endpoints: { huggingFace: `http://127.0.0.1:${await closedPort()}/` }, onProgress: false });
    const error = await attempt.then(() => undefined, (failure: unknown) => failure);
    expect(ModelDownloadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^cannot download hf:user\/repo\/model\.gguf: .*unreachable \(ECONNREFUSED\)\. No network\? Pass a local path/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a host that does not answer, within the bounded timeout", async () => {
    const started = Date.now();
    const error = await resolveModelPath(`http://127.0.0.1:${silentPort}/model.gguf`, { directory, reachabilityTimeoutMs: 300, onProgress: false }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(ModelDownloadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("did not answer within 300 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("cuts off a download that stalls", async () => {
    // Answers the reachability check, then never sends the file.
    const stalling = createHttpServer((request, response) => {
      if (request.url === "/") response.end();
    });
    const port = await new Promise<number>((done) => stalling.listen(0, "127.0.0.1", () => done((stalling.address() as { port: number }).port)));
    try {
      const error = await resolveModelPath(`http://127.0.0.1:${port}/model.gguf`, { directory, stallTimeoutMs: 500, onProgress: false }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(ModelDownloadError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("no progress for 500 ms");
    } finally {
      stalling.closeAllConnections();
      await new Promise((done) => stalling.close(done));
    }
  });
});
