import * as v from "valibot";
import type { AnySchema } from "./to-wire-json-schema.js";

const marker = Symbol.for("@cortex-ml/schemas/union");

/** One member of a {@link union}: its name (the tool name in PARALLEL_TOOLS) and schema. */
export interface UnionMember {
  readonly name: string;
  readonly schema: AnySchema;
}

/** The output of a union: which member it is, and its validated value. */
export type UnionOutput<TMembers extends Record<string, AnySchema>> = {
  [K in keyof TMembers & string]: { readonly type: K; readonly value: v.InferOutput<TMembers[K]> };
}[keyof TMembers & string];

/** The input of a union element, as a model writes it. */
export type UnionInput<TMembers extends Record<string, AnySchema>> = {
  [K in keyof TMembers & string]: { type: K; value: v.InferInput<TMembers[K]> };
}[keyof TMembers & string];

/**
 * A union of response models, each named by its key: every element says
 * which member it is (`{ type: "Weather", value: {...} }`), so the output is a
 * discriminated union. With `iterable(...)` in PARALLEL_TOOLS mode each member
 * becomes one tool.
 *
 * @example
 * const Action = union({ Weather, GoogleSearch });
 * // output: { type: "Weather"; value: Weather } | { type: "GoogleSearch"; value: GoogleSearch }
 */
export function union<const TMembers extends Record<string, AnySchema>>(members: TMembers) {
  const entries = Object.entries(members);
  if (entries.length === 0) throw new TypeError("union({...}) needs at least one member, e.g. union({ Weather, GoogleSearch }).");
  for (const [name] of entries) {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) throw new TypeError(`union member name "${name}" must match ^[a-zA-Z0-9_-]{1,64}$ (it is a tool name).`);
  }
  const isAsync = entries.some(([, schema]) => schema.async);
  const options = entries.map(([name, schema]) =>
    isAsync
      ? v.objectAsync({ type: v.literal(name), value: schema })
      : v.object({ type: v.literal(name), value: schema as v.GenericSchema }),
  );
  const schema = (isAsync ? v.variantAsync("type", options as never) : v.variant("type", options as never)) as unknown as v.GenericSchema<
    UnionInput<TMembers>,
    UnionOutput<TMembers>
  >;
  const described: UnionMember[] = entries.map(([name, member]) => ({ name, schema: member }));
  Object.defineProperty(schema, marker, { value: described, enumerable: false });
  return schema;
}

/** The members of a schema made by {@link union}, or undefined for any other schema. */
export function unionMembers(schema: unknown): readonly UnionMember[] | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  return (schema as Record<symbol, readonly UnionMember[] | undefined>)[marker];
}
