// The asynchronous example of the Python guide: calls are Promises, so
// several run at once with Promise.all. Run: bash scripts/example.sh concurrent
import { buildMessages, createInstructor, Mode, structuredChat } from "@cortex-ml/core";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const Person = v.object({
  name: v.string(),
  age: v.number(),
});

try {
  const client = createInstructor();
  const people = await Promise.all(
    ["Jane is 30", "Bob turned 41 last week"].map((text) =>
      structuredChat(client, { model: exampleModel, mode: Mode.JSON_SCHEMA, responseModel: Person, messages: buildMessages(text) }),
    ),
  );
  console.log(people); // [ { name: 'Jane', age: 30 }, { name: 'Bob', age: 41 } ]
} catch (error) {
  reportError(error);
}
