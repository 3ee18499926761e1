import { defaultThreads } from "../default-threads.js";
import { isRemoteModelSpec, resolveLocalModelPath } from "../models/resolve-model-path.js";
import { LocalEngine, type LocalEngineOptions } from "./local-engine.js";

const engines = new Map<string, LocalEngine>();

function engineKey(options: LocalEngineOptions): string {
  const spec = options.modelPath.trim();
  const file = isRemoteModelSpec(spec) ? spec : resolveLocalModelPath(spec);
  return JSON.stringify([file, options.threads ?? defaultThreads(), options.contextSize ?? null, options.gpu ?? false]);
}

/**
 * The engine of a model file and settings, created on first use and shared
 * after that: every transport, provider client and server for the same file
 * (same threads, context size and GPU setting) uses one loaded model.
 */
export function sharedEngine(options: LocalEngineOptions): LocalEngine {
  const key = engineKey(options);
  const existing = engines.get(key);
  if (existing) return existing;
  const engine = new LocalEngine(options);
  engines.set(key, engine);
  return engine;
}

/** Unloads every shared engine (they load again on their next request). */
export async function disposeLocalEngines(): Promise<void> {
  await Promise.all([...engines.values()].map((engine) => engine.dispose()));
}
