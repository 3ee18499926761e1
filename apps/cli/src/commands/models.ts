import { createInstructor, defaultBaseURL, listModels } from "@cortex-ml/core";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";

/** Help text of `cortex-ml models`. */
export const modelsHelp = `Usage: cortex-ml models [--base-url URL] [--api-key KEY] [--json]

Lists the models the endpoint has (Ollama: the pulled ones).

Options:
  --base-url URL   OpenAI-compatible endpoint (default: $OLLAMA_BASE_URL or http://localhost:11434/v1)
  --api-key KEY    API key (default: $CORTEX_API_KEY, else "ollama")
  --json           print a JSON array
  -h, --help       show this help
`;

/** `cortex-ml models`: prints one model id a line (or a JSON array). */
export async function modelsCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "base-url": { type: "string" },
      "api-key": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(modelsHelp);
    return ExitCode.ok;
  }
  const client = createInstructor({
    baseURL: values["base-url"] ?? defaultBaseURL(io.environment),
    apiKey: values["api-key"] ?? io.environment.CORTEX_API_KEY ?? "ollama",
  });
  const ids = await listModels(client);
  io.stdout.write(values.json ? `${JSON.stringify(ids)}\n` : ids.map((id) => `${id}\n`).join(""));
  return ExitCode.ok;
}
