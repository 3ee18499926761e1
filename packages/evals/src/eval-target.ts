import { type InstructorClient, InvalidArgumentError, type Mode, type StructuredChatOptions } from "@cortex-ml/core";
import type { ResponseModelInput } from "@cortex-ml/schemas";

/** Settings of an eval's calls: anything a structured call takes but the model, mode, messages and response model. */
export type EvalCallSettings = Omit<StructuredChatOptions<ResponseModelInput>, "responseModel" | "messages" | "model" | "mode" | "signal" | "hooks">;

/**
 * One side of the comparison: a client (with or without a response cache),
 * and the model and mode it is asked with.
 */
export interface EvalTarget {
  /** Any cortex-ml client: `createInstructor()`, `fromProvider("ollama/llama3.2")`, `fromLocalModel(path)`. */
  readonly client: InstructorClient;
  /** Default: the client's model. */
  readonly model?: string;
  /** Default: the client's mode. */
  readonly mode?: Mode;
  /** The column title in reports; default `model (mode)`. Names must differ. */
  readonly name?: string;
  /** This target's own call settings, over the eval's. */
  readonly callSettings?: EvalCallSettings;
}

/** A target with its model, mode and name settled. */
export interface ResolvedTarget {
  readonly client: InstructorClient;
  readonly model: string;
  readonly mode: Mode;
  readonly name: string;
  readonly callSettings: EvalCallSettings;
}

/** Settles every target's model, mode and name; `InvalidArgumentError` for none, a target without a model, or two with one name. */
export function resolveTargets(targets: readonly EvalTarget[]): ResolvedTarget[] {
  if (targets.length === 0) throw new InvalidArgumentError({ argument: "targets", problem: "no target to evaluate: give at least one { client, model }" });
  const resolved = targets.map((target, index): ResolvedTarget => {
    const model = target.model ?? target.client.model;
    if (model === undefined || model === "") {
      throw new InvalidArgumentError({ argument: "targets", problem: `targets[${index}] names no model and its client has none: add { model: "llama3.2" }` });
    }
    const mode = target.mode ?? target.client.defaults.mode;
    return { client: target.client, model, mode, name: target.name ?? `${model} (${mode})`, callSettings: target.callSettings ?? {} };
  });
  const names = resolved.map((target) => target.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new InvalidArgumentError({ argument: "targets", problem: `two targets are named "${repeated}": give each its own model, mode or name` });
  return resolved;
}

/** Every model in every mode through one client: `targetsFor(client, ["llama3.2", "qwen2.5"], [Mode.JSON, Mode.TOOLS])`. */
export function targetsFor(client: InstructorClient, models: readonly string[], modes: readonly (Mode | undefined)[] = [undefined]): EvalTarget[] {
  return models.flatMap((model) => modes.map((mode) => ({ client, model, ...(mode === undefined ? {} : { mode }) })));
}
