import { fromProvider, type InstructorClient, Mode } from "@cortex-ml/core";
import { UsageError } from "./usage-error.js";

/** The connection flags every command takes. */
export const connectionFlags = {
  provider: { type: "string" },
  model: { type: "string", short: "m" },
  "base-url": { type: "string" },
  "api-key": { type: "string" },
  mode: { type: "string" },
  "max-retries": { type: "string" },
  temperature: { type: "string" },
  seed: { type: "string" },
  timeout: { type: "string" },
} as const;

/** Help lines for the connection flags. */
export const connectionHelp = `  --provider NAME      ollama (default), openai, anthropic, deepseek, groq, lmstudio, ..., or local
                       (in-process GGUF model, no server; --model is then the file path)
  -m, --model NAME     model name, or provider/model (e.g. openai/gpt-4o, local/./model.gguf); default $CORTEX_MODEL or llama3.2
  --base-url URL       OpenAI-compatible endpoint (default: the provider's; for Ollama $OLLAMA_BASE_URL or http://localhost:11434/v1)
  --api-key KEY        API key (default: the provider's variable, or $CORTEX_API_KEY); never printed
  --mode MODE          json, json_schema, md_json, tools, parallel_tools (default: the provider's best)
  --max-retries N      re-asks after an invalid answer (default 3)
  --temperature T      default 0
  --seed N             default 42
  --timeout MS         per-request deadline`;

/** Parsed connection flags. */
export type ConnectionValues = Partial<Record<keyof typeof connectionFlags, string>>;

function number(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) throw new UsageError(`--${name} expects ${integer ? "a whole number" : "a number"}, got "${text}"`);
  return value;
}

/** The client and model the flags describe, with call settings. */
export interface Connection {
  readonly client: InstructorClient;
  readonly model: string;
  readonly callSettings: { maxRetries?: number; temperature?: number; seed?: number };
}

let localProvider: { disposeLocalEngines(): Promise<void> } | undefined;

/** Unloads in-process models, so the command can exit. */
export async function closeConnections(): Promise<void> {
  await localProvider?.disposeLocalEngines();
}

/** Loads the embedded provider (it registers "local"), or says how to install it. */
async function loadLocalProvider(): Promise<void> {
  try {
    localProvider = await import("@cortex-ml/provider-local");
  } catch (error) {
    throw new UsageError(
      `--provider local needs @cortex-ml/provider-local (npm install @cortex-ml/provider-local): ${(error as Error).message.split("\n")[0]}`,
    );
  }
}

/** Builds the client from the flags and the environment. */
export async function connect(values: ConnectionValues, environment: Record<string, string | undefined>): Promise<Connection> {
  const modes = Object.values(Mode) as string[];
  if (values.mode !== undefined && !modes.includes(values.mode)) throw new UsageError(`--mode must be one of ${modes.join(", ")}`);
  const mode = values.mode as Mode | undefined;
  const timeout = number("timeout", values.timeout, true);
  const modelFlag = values.model ?? environment.CORTEX_MODEL ?? "llama3.2";
  const slash = modelFlag.indexOf("/");
  const providerName = values.provider ?? (slash > 0 && !modelFlag.startsWith("hf.co/") ? modelFlag.slice(0, slash) : undefined);
  const model = values.provider === undefined && providerName !== undefined ? modelFlag.slice(slash + 1) : modelFlag;
  const callSettings = {
    ...(values["max-retries"] === undefined ? {} : { maxRetries: number("max-retries", values["max-retries"], true) as number }),
    ...(values.temperature === undefined ? {} : { temperature: number("temperature", values.temperature, false) as number }),
    ...(values.seed === undefined ? {} : { seed: number("seed", values.seed, true) as number }),
  };
  const apiKey = values["api-key"] ?? environment.CORTEX_API_KEY;
  if (providerName === "local") await loadLocalProvider();
  const provider = fromProvider(`${providerName ?? "ollama"}/${model}`, {
    environment,
    ...(values["base-url"] ? { baseURL: values["base-url"] } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(mode ? { mode } : {}),
    ...(timeout === undefined ? {} : { timeout }),
  });
  return { client: provider, model, callSettings };
}
