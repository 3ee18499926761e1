import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** The newest modification time under a folder, in ms (0 when it is missing). */
async function newestMtime(folder: string): Promise<number> {
  if (!existsSync(folder)) return 0;
  let newest = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Loads `@cortex-ml/core` by its package name, as a user's code does: the
 * built `dist` (unless Node runs with `--conditions=@cortex-ml/source`, then
 * the TypeScript source through tsx, which adds tsx's own per-call helpers).
 * Throws with the command to run when `dist` is missing or older than `src`,
 * so the benchmark never measures stale code.
 */
export async function loadBuiltPackage(): Promise<typeof import("@cortex-ml/core") & { readonly loadedFrom: string }> {
  const entry = fileURLToPath(import.meta.resolve("@cortex-ml/core"));
  if (entry.includes(`${join(packageDir, "src")}`)) {
    return { ...(await import("@cortex-ml/core")), loadedFrom: "src (through tsx, --conditions=@cortex-ml/source)" };
  }
  const built = await newestMtime(join(packageDir, "dist"));
  if (built === 0) throw new Error("packages/core/dist is missing: run `pnpm build` first (`pnpm bench` at the root builds before it measures).");
  if ((await newestMtime(join(packageDir, "src"))) > built) {
    throw new Error("packages/core/dist is older than src: run `pnpm build` first (`pnpm bench` at the root builds before it measures).");
  }
  return { ...(await import("@cortex-ml/core")), loadedFrom: "dist (the built package, as published)" };
}
