import { dirname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fromJsonSchema, isResponseModel, type ResponseModelInput } from "@cortex-ml/schemas";
import { readTextFile } from "./read-text-file.js";
import { UsageError } from "./usage-error.js";
import { useCliValibotAsFallback } from "./valibot-fallback.js";

function isValibotSchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "schema" && "~run" in value;
}

/** The package of a bare import specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** Why a schema module did not load, in one line: the package to install when an import is missing. */
function moduleProblem(error: unknown, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  if (missing !== undefined && /^[@\w]/.test(missing) && !isAbsolute(missing)) {
    return `it imports "${missing}", which is not installed there: run \`npm install ${packageOf(missing)}\` in ${dirname(path)}`;
  }
  return `cannot load the module (${message.split("\n")[0]})`;
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  useCliValibotAsFallback();
  const url = pathToFileURL(path).href;
  if (/\.(c|m)?tsx?$/.test(path)) {
    // TypeScript modules load through tsx's loader.
    const { tsImport } = (await import("tsx/esm/api")) as { tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>> };
    return tsImport(url, import.meta.url);
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * The response model of `--schema`: a JSON Schema file (`person.json`), or a
 * JS/TS module exporting a Valibot schema (`models.ts#Person`; the default
 * export, or the only schema export, when no name is given).
 */
export async function loadSchema(specifier: string, cwd: string = process.cwd()): Promise<ResponseModelInput> {
  const hash = specifier.lastIndexOf("#");
  const file = hash > 0 ? specifier.slice(0, hash) : specifier;
  const exportName = hash > 0 ? specifier.slice(hash + 1) : undefined;
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  const text = readTextFile(path, `--schema ${file}`);
  if (file.endsWith(".json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--schema ${file}: not valid JSON (${(error as Error).message})`);
    }
    try {
      return fromJsonSchema(parsed as Record<string, unknown>);
    } catch (error) {
      throw new UsageError(`--schema ${file}: ${(error as Error).message}`);
    }
  }
  let module: Record<string, unknown>;
  try {
    module = await importModule(path);
  } catch (error) {
    throw new UsageError(`--schema ${file}: ${moduleProblem(error, path)}`);
  }
  const isSchema = (value: unknown) => isValibotSchema(value) || isResponseModel(value);
  // A CommonJS module's `default` is its whole `module.exports`: only a schema counts as the default.
  const candidates = Object.entries(module).filter(([name, value]) => name !== "default" && isSchema(value));
  const chosen = exportName
    ? module[exportName]
    : isSchema(module.default)
      ? module.default
      : candidates.length === 1
        ? candidates[0]?.[1]
        : undefined;
  if (chosen === undefined) {
    const names = candidates.map(([name]) => name).join(", ") || "none";
    throw new UsageError(
      exportName
        ? `--schema ${specifier}: the module has no export "${exportName}" (schema exports: ${names})`
        : `--schema ${file}: name the schema to use, e.g. --schema ${file}#${candidates[0]?.[0] ?? "Person"} (schema exports: ${names})`,
    );
  }
  if (!isSchema(chosen)) {
    throw new UsageError(`--schema ${specifier}: that export is not a Valibot schema`);
  }
  return chosen as ResponseModelInput;
}
