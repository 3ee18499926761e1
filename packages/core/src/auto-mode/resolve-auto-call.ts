import { Cause, Effect, Exit, Option } from "effect";
import type { InstructorClient } from "../instructor-client.js";
import type { ModeStrategy } from "../modes/mode.js";
import { modeStrategy } from "../modes/mode-strategy.js";
import type { PreparedCall } from "../prepare-call.js";
import { adaptRequestFields } from "../providers/adapt-request-fields.js";
import { redact } from "../redact.js";
import type { AutoCall } from "./auto-call.js";
import { capabilityKey, firstNotice, learnOnce } from "./capability-memory.js";
import { capabilityStoreKey, readStoredCapabilities, storeCapabilities } from "./capability-store.js";
import { type ModeCapabilities, pickMode, unknownCapabilities } from "./mode-capabilities.js";
import { judgeProbe, judgeProbeFailure, probeRequest } from "./mode-probe.js";
import { isChatCompletion } from "../not-a-completion.js";

/** The {@link AutoCall} of a call in mode "auto" (nothing learned yet). */
export function autoCall(endpoint: string, model: string, candidates: AutoCall["candidates"]): AutoCall {
  return { candidates, endpoint, memoryKey: capabilityKey(endpoint, model), capabilities: undefined };
}

/** Sends the probe once: what it shows, or undefined when it failed in a way that shows nothing. */
async function probe(client: InstructorClient, call: PreparedCall): Promise<ModeCapabilities | undefined> {
  const body = adaptRequestFields(client.provider, probeRequest(call.model) as unknown as Record<string, unknown>);
  const exit = await Effect.runPromiseExit(
    client.transport.createCompletion(body as never, { timeoutMs: call.settings.timeout, interruptible: true }),
  );
  // An answer that is not a chat completion shows nothing here; the call itself meets it as an ApiError.
  if (Exit.isSuccess(exit)) return isChatCompletion(exit.value) ? judgeProbe(exit.value) : undefined;
  const failure = Cause.failureOption(exit.cause);
  return Option.isSome(failure) ? judgeProbeFailure(failure.value) : undefined;
}

function describe(capabilities: ModeCapabilities): string {
  const facts = Object.entries(capabilities.constraints).map(([mode, status]) => `${mode} ${status}`);
  if (capabilities.reasoning) facts.push("the model thinks before answering");
  return facts.length === 0 ? "nothing conclusive" : facts.join(", ");
}

/** The store, then the probe; what was learned is logged once and kept in the store. */
async function learn(client: InstructorClient, call: PreparedCall, auto: AutoCall): Promise<ModeCapabilities | undefined> {
  const store = client.cache?.store;
  const storeKey = store === undefined ? undefined : capabilityStoreKey(auto.endpoint, call.model);
  if (store !== undefined && storeKey !== undefined) {
    const stored = await readStoredCapabilities(store, storeKey, client.logger);
    if (stored !== undefined) return stored;
  }
  const probed = await probe(client, call);
  if (probed === undefined) return undefined;
  if (store !== undefined && storeKey !== undefined) await storeCapabilities(store, storeKey, call.model, probed, client.logger);
  if (client.logger?.info && firstNotice(auto.memoryKey, "probe")) {
    const mode = pickMode(probed, auto.candidates);
    client.logger.info(redact(`cortex-ml: mode "auto" probed model "${call.model}" at ${auto.endpoint}: ${describe(probed)}; using ${mode}.`, client.secrets), {
      model: call.model,
      mode,
      capabilities: probed,
    });
  }
  return probed;
}

function resolved(call: PreparedCall, auto: AutoCall, capabilities: ModeCapabilities | undefined): PreparedCall {
  const known = capabilities ?? unknownCapabilities;
  const strategy = modeStrategy(pickMode(known, auto.candidates)) as ModeStrategy;
  return { ...call, strategy, auto: { ...auto, capabilities: known } };
}

/**
 * A call in mode "auto" with its mode picked: what this process knows about
 * the endpoint+model, else what the client's cache store kept, else one probe
 * (concurrent first calls wait for the same one). The strongest candidate not
 * seen dropped wins. Never fails: a probe that shows nothing leaves the
 * strongest candidate, and the call's own request meets whatever went wrong.
 */
export function resolveAutoCall(client: InstructorClient, call: PreparedCall, auto: AutoCall): Effect.Effect<PreparedCall> {
  return Effect.suspend(() => {
    const known = learnOnce(auto.memoryKey, () => learn(client, call, auto));
    if (!(known instanceof Promise)) return Effect.succeed(resolved(call, auto, known));
    return Effect.map(
      Effect.promise(() => known),
      (capabilities) => resolved(call, auto, capabilities),
    );
  });
}
