import * as v from "valibot";
import type { AnySchema } from "./to-wire-json-schema.js";

/** The output of a {@link maybe} response model. */
export interface Maybe<T> {
  /** The extracted value, when the model found it. */
  readonly result?: T | undefined;
  /** True when the model could not extract it. */
  readonly error: boolean;
  /** The model's explanation, typically why it is unsure. */
  readonly message?: string | undefined;
}

const nullToUndefined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/**
 * The Maybe pattern: lets the model say it is unsure instead of inventing
 * fields. The answer is `{ result?, error, message? }`; nulls from the model
 * become absent fields.
 *
 * @example
 * const MaybeUser = maybe(UserDetail);
 * const answer = await structuredChat(client, { model, responseModel: MaybeUser, messages });
 * if (isFound(answer)) console.log(answer.result.name); else console.log(answer.message);
 */
export function maybe<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.pipe(
    v.object({
      result: v.pipe(
        v.nullish(schema),
        v.description("The extracted value; leave it out (or null) when the text does not give it."),
        v.transform(nullToUndefined),
      ),
      error: v.pipe(v.optional(v.boolean(), false), v.description("true when the value could not be extracted.")),
      message: v.pipe(
        v.nullish(v.string()),
        v.description("Why the value could not be extracted, or what is uncertain."),
        v.transform(nullToUndefined),
      ),
    }),
    v.title(`Maybe${titleOf(schema)}`),
  );
}

/** The async form of {@link maybe}, for schemas with async validators. */
export function maybeAsync<TSchema extends AnySchema>(schema: TSchema) {
  return v.pipeAsync(
    v.objectAsync({
      result: v.pipeAsync(v.nullishAsync(schema), v.transform(nullToUndefined)),
      error: v.optional(v.boolean(), false),
      message: v.pipe(v.nullish(v.string()), v.transform(nullToUndefined)),
    }),
    v.title(`Maybe${titleOf(schema)}`),
  );
}

function titleOf(schema: AnySchema): string {
  const pipe = (schema as { pipe?: readonly { type?: string; title?: string }[] }).pipe;
  return pipe?.find((item) => item.type === "title")?.title ?? "";
}

/** True when a Maybe answer holds a result (narrows `result` to defined). */
export function isFound<T>(value: Maybe<T>): value is Maybe<T> & { readonly result: T; readonly error: false } {
  return value.result !== undefined && !value.error;
}
