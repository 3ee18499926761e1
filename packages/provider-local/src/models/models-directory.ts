import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Where downloaded models are kept: `$CORTEX_MODELS_DIR`, else `~/.cache/cortex-ml/models`. */
export function modelsDirectory(environment: Record<string, string | undefined> = process.env): string {
  const configured = environment.CORTEX_MODELS_DIR?.trim();
  return configured ? resolve(expandHome(configured)) : join(homedir(), ".cache", "cortex-ml", "models");
}

/** `~` and `~/...` expanded to the home directory. */
export function expandHome(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homedir(), path.slice(2));
  return path;
}
