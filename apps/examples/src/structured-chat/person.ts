// The synchronous example of the Python guide, in TypeScript: one call, one
// validated Person. Run: bash scripts/example.sh person
import { createInstructor, Mode, structuredChat } from "@cortex-ml/core";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const Person = v.object({
  name: v.string(),
  age: v.number(),
});

try {
  const client = createInstructor();
  const person = await structuredChat(client, {
    model: exampleModel,
    mode: Mode.JSON_SCHEMA,
    responseModel: Person,
    messages: [{ role: "user", content: "John is 25 years old" }],
  });
  console.log(person); // { name: 'John', age: 25 }
} catch (error) {
  reportError(error);
}
