/**
 * Reusable response models from the cortex-ml guide (the Python seed's
 * Pydantic models, as Valibot schemas). Import them from
 * `@cortex-ml/schemas/examples`, or copy them as a starting point.
 */
import * as v from "valibot";
import { maybe } from "../maybe.js";

/** A person mentioned in a text. */
export const Person = v.pipe(
  v.object({
    name: v.pipe(v.string(), v.description("The person's name as written")),
    age: v.pipe(v.number(), v.integer(), v.minValue(0), v.description("Age in years")),
  }),
  v.title("Person"),
);

/** A user profile, with optional fields (the streaming example of the guide). */
export const User = v.pipe(
  v.object({
    name: v.string(),
    age: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    bio: v.optional(v.string()),
  }),
  v.title("User"),
);

/** A product review: rating 1 to 5 (add `llmValidator` to `content` for tone). */
export const Review = v.pipe(
  v.object({
    content: v.pipe(v.string(), v.minLength(1), v.description("The review text")),
    rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5), v.description("Stars, 1 to 5")),
  }),
  v.title("Review"),
);

/** A weather lookup (a tool of the parallel-tools example). */
export const Weather = v.pipe(
  v.object({
    location: v.pipe(v.string(), v.description("City or place")),
    units: v.picklist(["imperial", "metric"]),
  }),
  v.title("Weather"),
  v.description("Look up the weather for a location"),
);

/** A web search (a tool of the parallel-tools example). */
export const Search = v.pipe(
  v.object({ query: v.pipe(v.string(), v.description("What to search for")) }),
  v.title("GoogleSearch"),
  v.description("Search the web"),
);

/** The user details of the Maybe example. */
export const UserDetail = v.pipe(v.object({ name: v.string(), age: v.pipe(v.number(), v.integer(), v.minValue(0)) }), v.title("UserDetail"));

/** `maybe(UserDetail)`: `{ result?, error, message? }`. */
export const MaybeUser = maybe(UserDetail);
