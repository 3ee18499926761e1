// Mode "auto" against JSON mode on a scripted weak model: a loopback server (in this process:
// the figures are counts, not timings) that applies `json_schema` (constrained decoding, as
// Ollama 0.5+, vLLM and llama.cpp do) but whose model ignores JSON mode 3 requests in 5 (it
// writes prose around a JSON object with its own key names, so the answer does not validate).
// For each mode: how many calls were valid on the first try, how many ended valid within
// `maxRetries` 3, and how many requests each valid object took (auto's probe included).
// A second server ignores response_format altogether (only a forced tool call is applied).
// Run (after `pnpm build`): `npx tsx bench/auto-mode.ts [--calls N (100)]`.
import { imitateServer, type RecordedRequest, type ServerBehaviour, startTestServer } from "@cortex-ml/test-server";
import { parseArgs } from "node:util";
import * as v from "valibot";
import { positiveInteger } from "./bench-args.js";
import { loadBuiltPackage } from "./built-package.js";
import { renderTable } from "./report-table.js";

const Person = v.object({ name: v.string(), age: v.number() });
const john = { name: "John", age: 25 };

const { values } = parseArgs({ options: { calls: { type: "string" } } });
const calls = positiveInteger("calls", values.calls, 100, 5);
const { createInstructor, forgetModeCapabilities, Mode, structuredChatWithMetadata, loadedFrom } = await loadBuiltPackage();

/** The weak model's free writing: 2 requests in 5 the right JSON alone, 3 in 5 prose around JSON with its own keys. */
function weakFreeText(json: string, _request: RecordedRequest, index: number): string {
  return index % 5 < 2 ? json : 'Sure! Here is the person: {"full_name": "John", "years": "twenty-five"}. Anything else?';
}

const servers: ReadonlyArray<readonly [string, ServerBehaviour]> = [
  ["applies json_schema, model ignores JSON mode 3 in 5", { answer: john, jsonObject: "ignore", freeText: weakFreeText }],
  ["ignores response_format (tools applied), same model", { answer: john, jsonSchema: "ignore", jsonObject: "ignore", freeText: weakFreeText }],
];

const rows: string[][] = [["server", "mode", "valid first try", "valid in 4 tries", "requests", "requests per valid object", "modes used"]];
for (const [label, behaviour] of servers) {
  for (const mode of [Mode.JSON, Mode.AUTO]) {
    forgetModeCapabilities();
    const server = await startTestServer({ fallback: imitateServer(behaviour) });
    try {
      const client = createInstructor({ baseURL: server.baseURL, model: "weak-model", mode, maxRetries: 3 });
      let firstTry = 0;
      let valid = 0;
      const used = new Map<string, number>();
      for (let call = 0; call < calls; call += 1) {
        const messages = [{ role: "user" as const, content: `Call ${call}: John is 25.` }];
        try {
          const result = await structuredChatWithMetadata(client, { responseModel: Person, messages });
          valid += 1;
          if (result.attempts === 1) firstTry += 1;
          const modeUsed = result.modeUsed ?? mode;
          used.set(modeUsed, (used.get(modeUsed) ?? 0) + 1);
        } catch {
          // Exhausted re-asks: counted as not valid.
        }
      }
      const requests = server.requests.length;
      rows.push([
        label,
        mode,
        `${firstTry}/${calls} (${((100 * firstTry) / calls).toFixed(0)}%)`,
        `${valid}/${calls}`,
        String(requests),
        valid === 0 ? "-" : (requests / valid).toFixed(2),
        [...used].map(([name, count]) => `${name} ${count}`).join(", "),
      ]);
    } finally {
      await server.close();
    }
  }
}
console.log(`mode "auto" vs JSON mode on a scripted weak model: ${calls} calls per row, maxRetries 3, cortex-ml from ${loadedFrom}`);
console.log(renderTable(rows));
