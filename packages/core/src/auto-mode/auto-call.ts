import type { WireMode } from "../modes/mode.js";
import type { ModeCapabilities } from "./mode-capabilities.js";

/** A call in mode "auto": where it learns and keeps what its endpoint+model honours. */
export interface AutoCall {
  /** The modes it may use, strongest first. */
  readonly candidates: readonly WireMode[];
  /** The endpoint (the client's base URL) and the model, as named in logs. */
  readonly endpoint: string;
  /** The key of the endpoint+model in this process's memory. */
  readonly memoryKey: string;
  /** What was known when the call started; undefined until learned. */
  readonly capabilities: ModeCapabilities | undefined;
}
