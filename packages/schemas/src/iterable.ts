import * as v from "valibot";
import { createResponseModel, type ResponseModel } from "./response-model.js";
import type { AnySchema } from "./to-wire-json-schema.js";

const marker = Symbol.for("@cortex-ml/schemas/iterable");

/** A response model for a list whose elements are wanted one by one (`createIterable`) or all at once. */
export type IterableResponseModel<TElement extends AnySchema> = ResponseModel<v.GenericSchema<v.InferInput<TElement>[], v.InferOutput<TElement>[]>> & {
  /** The schema of one element. */
  readonly element: TElement;
};

function titleOf(schema: AnySchema): string | undefined {
  const pipe = (schema as { pipe?: readonly { type?: string; title?: string }[] }).pipe;
  return pipe?.find((item) => item.type === "title")?.title;
}

/**
 * A list response model: `structuredChat` returns the validated array, and
 * `createIterable` yields each element validated as soon as it is complete.
 * Sent to the model as `{ content: [...] }`.
 *
 * @example
 * const people = await structuredChat(client, { model, responseModel: iterable(Person), messages });
 */
export function iterable<TElement extends AnySchema>(element: TElement, options: { name?: string; description?: string } = {}): IterableResponseModel<TElement> {
  const list = element.async ? v.arrayAsync(element) : v.array(element as v.GenericSchema);
  const model = createResponseModel(list as AnySchema, {
    name: options.name ?? `${titleOf(element) ?? "Item"}List`,
    ...(options.description ? { description: options.description } : {}),
  });
  const result = { ...model, element };
  Object.defineProperty(result, marker, { value: true, enumerable: false });
  return result as unknown as IterableResponseModel<TElement>;
}

/** True for a response model made by {@link iterable}. */
export function isIterableResponseModel(value: unknown): value is IterableResponseModel<AnySchema> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}
