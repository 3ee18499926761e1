import { listModels } from "@cortex-ml/core";
import { connect, connectionFlags } from "../connection-options.js";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";

/** Help text of `cortex-ml models`. */
export const modelsHelp = `Usage: cortex-ml models [--provider NAME] [--base-url URL] [--api-key KEY] [--json]

Lists the models the endpoint has (Ollama: the pulled ones).

Options:
  --provider NAME  ollama (default), openai, groq, lmstudio, ..., or local (then --model PATH is required)
  -m, --model PATH with --provider local: the GGUF model file
  --base-url URL   OpenAI-compatible endpoint (default: the provider's; for Ollama $OLLAMA_BASE_URL or http://localhost:11434/v1)
  --api-key KEY    API key (default: the provider's variable, or $CORTEX_API_KEY)
  --json           print a JSON array
  -h, --help       show this help
`;

/** `cortex-ml models`: prints one model id a line (or a JSON array). */
export async function modelsCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...connectionFlags,
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(modelsHelp);
    return ExitCode.ok;
  }
  const { client } = await connect(values, io.environment);
  const ids = await listModels(client);
  io.stdout.write(values.json ? `${JSON.stringify(ids)}\n` : ids.map((id) => `${id}\n`).join(""));
  return ExitCode.ok;
}
