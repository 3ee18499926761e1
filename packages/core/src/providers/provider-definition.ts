import type { Mode, WireMode } from "../modes/mode.js";
import type { ChatTransport } from "../transport/chat-transport.js";

/**
 * An OpenAI-compatible provider: where it is, how it authenticates, and what
 * it does best. Register your own with `registerProvider` to use
 * `fromProvider("name/model")` with any endpoint, without forking.
 */
export interface ProviderDefinition {
  /** The name before the slash in `"name/model"`. Lowercase letters, digits, `-` and `_`. */
  readonly name: string;
  /** Default base URL (the OpenAI-compatible root, usually ending in `/v1`). */
  readonly baseURL: string;
  /** Environment variable that overrides the base URL. */
  readonly baseURLEnvironmentVariable?: string;
  /** Environment variable holding the API key. */
  readonly apiKeyEnvironmentVariable?: string;
  /** True when calls fail without a key (hosted providers); local servers take a placeholder. */
  readonly requiresApiKey: boolean;
  /** The key sent when none is configured and none is required. */
  readonly placeholderApiKey?: string;
  /** The mode that works best there (`Mode.AUTO` for servers whose abilities vary by version and model). */
  readonly defaultMode: Mode;
  /** The modes it can do; asking for another gives an error naming these. `Mode.AUTO` is always allowed (it picks among these). */
  readonly supportedModes: readonly Mode[];
  /** The order mode "auto" tries modes in, strongest first (default JSON_SCHEMA, TOOLS, JSON, MD_JSON), e.g. without TOOLS where `tool_choice` is ignored. */
  readonly autoModes?: readonly WireMode[];
  /** The request fields that turn a thinking model's thinking off, sent for a call's `think: false`. */
  readonly thinkingOff?: Readonly<Record<string, unknown>>;
  /** Use strict structured outputs (every property required, optional ones nullable), mapped back. */
  readonly strictSchemas?: boolean;
  /** Request fields the provider rejects: dropped before sending. */
  readonly droppedFields?: readonly string[];
  /** Request fields the provider names differently, e.g. `{ seed: "random_seed" }`. */
  readonly renamedFields?: Readonly<Record<string, string>>;
  /** How it takes images: any URL, only base64 `data:` URLs (remote images are inlined), or none (images are refused before any request). */
  readonly imageInput: "url" | "data-url-only" | "none";
  /** What to tell a user whose model is missing. */
  readonly modelNotFoundHint?: (model: string) => string;
  /** Where to read about it. */
  readonly documentation?: string;
  /**
   * For providers that are not an HTTP endpoint (an embedded engine): builds
   * the transport for `"name/<model>"`, used instead of the `openai` client.
   */
  readonly createTransport?: (model: string) => ChatTransport;
}
