import Module, { createRequire, register } from "node:module";

const ownRequire = createRequire(import.meta.url);

function isValibot(specifier: string): boolean {
  return specifier === "valibot" || specifier.startsWith("valibot/");
}

// The import side: a resolve hook runs on Node's loader thread, so it is
// registered as source; `initialize` gets where the CLI's own copy resolves from.
const importHookSource = `
let fallbackParentURL;
export function initialize(data) { fallbackParentURL = data.fallbackParentURL; }
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier !== "valibot" && !specifier.startsWith("valibot/")) throw error;
    return nextResolve(specifier, { ...context, parentURL: fallbackParentURL });
  }
}`;

type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;

let installed = false;

/**
 * Lets schema modules (`--schema models.ts#Person`) import `valibot` from the
 * CLI's own install when their folder has none, as `import` (ESM) and as
 * `require` (CommonJS, which tsx makes of a `.ts` file outside an ESM
 * package). Their own copy, when there is one, still wins. Calling it again
 * does nothing.
 */
export function useCliValibotAsFallback(): void {
  if (installed) return;
  installed = true;
  register(`data:text/javascript,${encodeURIComponent(importHookSource)}`, { data: { fallbackParentURL: import.meta.url } });
  // Node 20 has no public hook for require(); its resolver is wrapped instead, for valibot only.
  const loader = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = function (request, ...rest) {
    try {
      return resolveFilename.call(this, request, ...rest);
    } catch (error) {
      if (!isValibot(request)) throw error;
      return ownRequire.resolve(request);
    }
  };
}
