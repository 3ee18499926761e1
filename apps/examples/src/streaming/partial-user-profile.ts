// Streaming partial objects: the profile appears field by field as the model
// writes it (progressive UIs, CLIs); the last item is the validated object.
// Run: bash scripts/example.sh partial
import { createInstructor, createPartial, Mode } from "@cortex-ml/core";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const User = v.object({
  name: v.string(),
  age: v.optional(v.number()),
  bio: v.optional(v.string()),
});

function updateUi(text: string): void {
  process.stdout.write(`${text}\n`);
}

try {
  const stream = createPartial(createInstructor(), {
    model: exampleModel,
    mode: Mode.JSON_SCHEMA,
    responseModel: User,
    messages: [{ role: "user", content: "Create a user profile" }],
  });
  for await (const partial of stream) {
    if (partial.done) console.log("final:", partial.data);
    else updateUi(`partial: ${JSON.stringify(partial.data)}`);
  }
} catch (error) {
  reportError(error);
}
