import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { createResponseModel } from "../response-model.js";
import { MaybeUser, Person, Review, Search, User, UserDetail, Weather } from "./index.js";

describe("example models", () => {
  it("all describe themselves as JSON Schema with their names", () => {
    const names = [Person, User, Review, Weather, Search, UserDetail, MaybeUser].map((schema) => createResponseModel(schema).name);
    expect(names).toEqual(["Person", "User", "Review", "GoogleSearch", "UserDetail", "MaybeUserDetail"].toSpliced(3, 0, "Weather"));
  });

  it("Review enforces a rating of 1 to 5", () => {
    expect(v.safeParse(Review, { content: "Good", rating: 5 }).success).toBe(true);
    expect(v.safeParse(Review, { content: "Good", rating: 6 }).success).toBe(false);
    expect(v.safeParse(Review, { content: "Good", rating: 0 }).success).toBe(false);
  });

  it("User has optional age and bio", () => {
    expect(v.parse(User, { name: "Ann" })).toEqual({ name: "Ann" });
    expect(createResponseModel(User).jsonSchema.required).toEqual(["name"]);
  });
});
