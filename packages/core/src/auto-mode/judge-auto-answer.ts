import type { ChatCompletionMessage } from "openai/resources/chat/completions";
import type { InstructorClient } from "../instructor-client.js";
import type { ModeOutput, ModeStrategy } from "../modes/mode.js";
import { modeStrategy } from "../modes/mode-strategy.js";
import type { ResponseModel } from "@cortex-ml/schemas";
import { redact } from "../redact.js";
import type { AutoCall } from "./auto-call.js";
import { firstNotice, knownCapabilities, rememberCapabilities } from "./capability-memory.js";
import { capabilityStoreKey, storeCapabilities } from "./capability-store.js";
import { checkConstraint } from "./dropped-constraint.js";
import { type ModeCapabilities, pickMode, unknownCapabilities, withFact } from "./mode-capabilities.js";

/** What one answer in mode "auto" showed, and the mode of the next attempt. */
export interface AutoVerdict {
  /** Whether the mode's constraint was applied; undefined when the answer cannot tell. */
  readonly honoured: boolean | undefined;
  /** The strategy of the next attempt (the next mode when the constraint was dropped). */
  readonly next: ModeStrategy;
}

function learned(before: ModeCapabilities, mode: ModeStrategy["mode"], honoured: boolean | undefined, reasoning: boolean): ModeCapabilities {
  let after = before;
  if (reasoning && !before.reasoning) after = withFact(after, { reasoning: true });
  // "dropped" sticks: a model that ignored the constraint once may do it again.
  if (honoured === false && before.constraints[mode] !== "dropped") after = withFact(after, { mode, status: "dropped" });
  if (honoured === true && before.constraints[mode] === undefined) after = withFact(after, { mode, status: "honoured" });
  return after;
}

/**
 * Judges one answer of a call in mode "auto": was its mode's constraint
 * applied (see `checkConstraint`)? What it shows is kept for the
 * endpoint+model (in memory, and in the client's cache store); a dropped
 * constraint is logged once per endpoint+model and mode, and the next
 * attempt (and every later call) uses the next mode.
 */
export function judgeAutoAnswer(
  client: InstructorClient,
  model: string,
  responseModel: ResponseModel,
  auto: AutoCall,
  strategy: ModeStrategy,
  message: ChatCompletionMessage,
  output: ModeOutput,
): AutoVerdict {
  const check = checkConstraint(strategy.mode, responseModel.jsonSchema, message, output);
  const before = knownCapabilities(auto.memoryKey) ?? auto.capabilities ?? unknownCapabilities;
  const after = learned(before, strategy.mode, check.honoured, check.reasoning);
  if (after !== before) {
    rememberCapabilities(auto.memoryKey, after);
    const store = client.cache?.store;
    if (store !== undefined) void storeCapabilities(store, capabilityStoreKey(auto.endpoint, model), model, after, client.logger);
  }
  if (check.honoured !== false) return { honoured: check.honoured, next: strategy };
  const nextMode = pickMode(after, auto.candidates);
  if (client.logger?.warn && firstNotice(auto.memoryKey, `dropped:${strategy.mode}`)) {
    client.logger.warn(
      redact(
        `cortex-ml: model "${model}" at ${auto.endpoint} ignored the ${strategy.mode} constraint (${check.reason}); mode "auto" uses ${nextMode} from now on.`,
        client.secrets,
      ),
      { model, mode: strategy.mode, next: nextMode, reason: check.reason },
    );
  }
  return { honoured: false, next: nextMode === strategy.mode ? strategy : (modeStrategy(nextMode) as ModeStrategy) };
}
