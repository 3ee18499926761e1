import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fromJsonSchema, isResponseModel, type ResponseModelInput } from "@cortex-ml/schemas";
import { readTextFile } from "./read-text-file.js";
import { UsageError } from "./usage-error.js";

function isValibotSchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "schema" && "~run" in value;
}

async function importModule(path: string): Promise<Record<string, unknown>> {
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
    throw new UsageError(`--schema ${file}: cannot load the module (${(error as Error).message})`);
  }
  const candidates = Object.entries(module).filter(([, value]) => isValibotSchema(value) || isResponseModel(value));
  const chosen = exportName
    ? module[exportName]
    : (module.default ?? (candidates.length === 1 ? candidates[0]?.[1] : undefined));
  if (chosen === undefined) {
    const names = candidates.map(([name]) => name).join(", ") || "none";
    throw new UsageError(
      exportName
        ? `--schema ${specifier}: the module has no export "${exportName}" (schema exports: ${names})`
        : `--schema ${file}: name the schema to use, e.g. --schema ${file}#${candidates[0]?.[0] ?? "Person"} (schema exports: ${names})`,
    );
  }
  if (!isValibotSchema(chosen) && !isResponseModel(chosen)) {
    throw new UsageError(`--schema ${specifier}: that export is not a Valibot schema`);
  }
  return chosen as ResponseModelInput;
}
