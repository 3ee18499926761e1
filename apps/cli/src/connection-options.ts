import { type FromProviderOptions, fromProvider, type InstructorClient, Mode } from "@cortex-ml/core";
import { checkBaseURL, checkModelNamed, checkProviderMode, providerOfFlags } from "./check-connection-flags.js";
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
  --mode MODE          json, json_schema, md_json, tools, parallel_tools, auto (default: the provider's best;
                       auto probes what the server honours once and picks the strongest mode)
  --max-retries N      re-asks after an invalid answer (default 3)
  --temperature T      default 0
  --seed N             default 42
  --timeout MS         per-request deadline`;

/** Parsed connection flags. */
export type ConnectionValues = Partial<Record<keyof typeof connectionFlags, string>>;

/** What each numeric flag takes. */
const numberRules = {
  "max-retries": { integer: true, minimum: 0, expected: "a whole number, 0 or more" },
  temperature: { integer: false, minimum: 0, expected: "a number, 0 or more" },
  seed: { integer: true, minimum: Number.NEGATIVE_INFINITY, expected: "a whole number" },
  timeout: { integer: true, minimum: 1, expected: "a whole number of milliseconds, 1 or more" },
} as const;

function number(name: keyof typeof numberRules, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const rule = numberRules[name];
  if (text.trim() === "" || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value)) || value < rule.minimum) {
    throw new UsageError(`--${name} expects ${rule.expected}, got "${text}"`);
  }
  return value;
}

/** The client and model the flags describe, with call settings. */
export interface Connection {
  readonly client: InstructorClient;
  readonly model: string;
  readonly callSettings: { maxRetries?: number; temperature?: number; seed?: number };
  /** Loads an in-process model ahead of the first call (local provider only), so a command can show that it is loading. */
  readonly loadModel?: (signal?: AbortSignal) => Promise<void>;
}

let localProvider:
  | { disposeLocalEngines(): Promise<void>; sharedEngine(options: { modelPath: string }): { load(signal?: AbortSignal): Promise<void> } }
  | undefined;

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

/** Client options a command adds to what the flags say (the flags' own settings are left out). */
export type ConnectionClientOptions = Omit<FromProviderOptions, "environment" | "baseURL" | "apiKey" | "mode" | "timeout">;

/** Builds the client from the flags and the environment, with a command's own client options. */
export async function connect(
  values: ConnectionValues,
  environment: Record<string, string | undefined>,
  clientOptions: ConnectionClientOptions = {},
): Promise<Connection> {
  const modes = Object.values(Mode) as string[];
  if (values.mode !== undefined && !modes.includes(values.mode)) throw new UsageError(`--mode must be one of ${modes.join(", ")}`);
  const mode = values.mode as Mode | undefined;
  const timeout = number("timeout", values.timeout);
  const modelFlag = values.model ?? environment.CORTEX_MODEL ?? (values.provider === "local" ? "" : "llama3.2");
  const slash = modelFlag.indexOf("/");
  const providerName = values.provider ?? (slash > 0 && !modelFlag.startsWith("hf.co/") ? modelFlag.slice(0, slash) : undefined);
  const model = values.provider === undefined && providerName !== undefined ? modelFlag.slice(slash + 1) : modelFlag;
  const callSettings = {
    ...(values["max-retries"] === undefined ? {} : { maxRetries: number("max-retries", values["max-retries"]) as number }),
    ...(values.temperature === undefined ? {} : { temperature: number("temperature", values.temperature) as number }),
    ...(values.seed === undefined ? {} : { seed: number("seed", values.seed) as number }),
  };
  const apiKey = values["api-key"] ?? environment.CORTEX_API_KEY;
  if (providerName === "local") await loadLocalProvider();
  const definition = providerOfFlags(providerName ?? "ollama", values.provider !== undefined, modelFlag);
  checkModelNamed(model, definition);
  checkProviderMode(definition, mode);
  checkBaseURL(values["base-url"], definition, environment);
  const provider = fromProvider(`${providerName ?? "ollama"}/${model}`, {
    ...clientOptions,
    environment,
    ...(values["base-url"] ? { baseURL: values["base-url"] } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(mode ? { mode } : {}),
    ...(timeout === undefined ? {} : { timeout }),
  });
  const engines = definition.name === "local" ? localProvider : undefined;
  const loadModel = engines ? (signal?: AbortSignal) => engines.sharedEngine({ modelPath: model }).load(signal) : undefined;
  return { client: provider, model, callSettings, ...(loadModel ? { loadModel } : {}) };
}
