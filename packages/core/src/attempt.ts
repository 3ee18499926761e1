import type { JsonSchema } from "@cortex-ml/schemas";
import type { WireMode } from "./modes/mode.js";
import type { TokenUsage } from "./token-usage.js";

/** One problem with a model's answer: where, what, and the part of the schema it missed. */
export interface ValidationIssue {
  /** Dotted field path, `(root)` for the whole answer, e.g. `items[2].price`. */
  readonly path: string;
  /** The path as keys and indexes. */
  readonly keys: readonly PropertyKey[];
  readonly message: string;
  /** The JSON Schema fragment of the failing field, when the schema has one. */
  readonly schemaFragment: JsonSchema | undefined;
}

/** What happened in one attempt of a call that did not produce a valid object. */
export interface AttemptRecord {
  /** 1 for the first request, 2 for the first re-ask, ... */
  readonly attempt: number;
  /** The model's raw output (tool arguments or content), as received. */
  readonly rawOutput: string | undefined;
  /** Why the output could not be used: `parse` (not JSON), `validation`, or `empty`. */
  readonly failure: "parse" | "validation" | "empty";
  /** The JSON parse error, for `parse` failures. */
  readonly parseError: string | undefined;
  /** The validation issues, for `validation` failures. */
  readonly issues: readonly ValidationIssue[];
  readonly finishReason: string | null | undefined;
  readonly usage: TokenUsage;
  /** In mode "auto": the mode this attempt was sent in. */
  readonly mode?: WireMode;
  /** In mode "auto": whether the server applied that mode's constraint (undefined: the answer could not tell). */
  readonly constraintHonoured?: boolean | undefined;
}
