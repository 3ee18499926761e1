import { getLlama, type Llama, LlamaLogLevel } from "node-llama-cpp";

/** How llama.cpp runs: CPU only or the best GPU, and the CPU threads it may use. */
export interface LlamaSettings {
  readonly gpu: false | "auto";
  readonly threads: number;
}

/** A use of a shared llama.cpp instance; `release()` disposes it once nobody uses it. */
export interface LlamaLease {
  readonly llama: Llama;
  readonly release: () => Promise<void>;
}

interface PoolEntry {
  readonly llama: Promise<Llama>;
  users: number;
}

const pool = new Map<string, PoolEntry>();

/** The longest a native binary may take to load (node-llama-cpp tests it in a child process first). */
const loadTimeoutMs = 120_000;

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function createLlama(settings: LlamaSettings): Promise<Llama> {
  return withTimeout(
    getLlama({
      gpu: settings.gpu,
      maxThreads: settings.threads,
      // A prebuilt binary or nothing: building llama.cpp from source needs a toolchain and the network, and takes minutes.
      build: "never",
      skipDownload: true,
      progressLogs: false,
      logLevel: LlamaLogLevel.error,
    }),
    loadTimeoutMs,
    `the native binary did not load within ${loadTimeoutMs} ms`,
  );
}

/**
 * A llama.cpp instance for these settings, shared by every engine that uses
 * them: loading the native binary takes a second or two (node-llama-cpp
 * checks it in a child process), loading a small model a few milliseconds.
 */
export async function acquireLlama(settings: LlamaSettings): Promise<LlamaLease> {
  const key = `${settings.gpu}/${settings.threads}`;
  let entry = pool.get(key);
  if (!entry) {
    const created: PoolEntry = { llama: createLlama(settings), users: 0 };
    created.llama.catch(() => {
      if (pool.get(key) === created) pool.delete(key);
    });
    pool.set(key, created);
    entry = created;
  }
  entry.users += 1;
  const held = entry;
  let llama: Llama;
  try {
    llama = await held.llama;
  } catch (error) {
    held.users -= 1;
    throw error;
  }
  let released = false;
  return {
    llama,
    release: async () => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users > 0 || pool.get(key) !== held) return;
      pool.delete(key);
      await llama.dispose();
    },
  };
}
