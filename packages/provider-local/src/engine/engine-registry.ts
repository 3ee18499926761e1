import { defaultThreads } from "../default-threads.js";
import { isRemoteModelSpec, resolveLocalModelPath } from "../models/resolve-model-path.js";
import { LocalEngine, type LocalEngineOptions } from "./local-engine.js";

const engines = new Map<string, LocalEngine>();
const wrapperIds = new WeakMap<object, number>();
let wrappersSeen = 0;

/** A number per chat wrapper object, so engines with different wrappers are different engines. */
function wrapperId(wrapper: object | undefined): number | null {
  if (wrapper === undefined) return null;
  let id = wrapperIds.get(wrapper);
  if (id === undefined) {
    wrappersSeen += 1;
    id = wrappersSeen;
    wrapperIds.set(wrapper, id);
  }
  return id;
}

function engineKey(options: LocalEngineOptions): string {
  const spec = options.modelPath.trim();
  const file = isRemoteModelSpec(spec) ? spec : resolveLocalModelPath(spec);
  return JSON.stringify([file, options.threads ?? defaultThreads(), options.contextSize ?? null, options.gpu ?? false, wrapperId(options.chatWrapper)]);
}

/**
 * The engine of a model file and settings, created on first use and shared
 * after that: every transport, provider client and server for the same file
 * (same threads, context size, GPU setting and chat wrapper) uses one loaded model.
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
