// The Maybe pattern: the model may say it is unsure instead of inventing
// fields. Run: bash scripts/example.sh maybe
import { createInstructor, isFound, maybe, Mode, structuredChat } from "@cortex-ml/core";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const UserDetail = v.object({
  name: v.string(),
  age: v.number(),
});

const MaybeUser = maybe(UserDetail); // { result?: UserDetail, error: boolean, message?: string }

try {
  const client = createInstructor();
  const maybeUser = await structuredChat(client, {
    model: exampleModel,
    mode: Mode.JSON_SCHEMA,
    responseModel: MaybeUser,
    messages: [{ role: "user", content: process.argv[2] ?? "Extract: unclear text" }],
  });
  if (isFound(maybeUser)) {
    console.log("Found:", maybeUser.result);
  } else {
    console.log("Uncertain:", maybeUser.message);
  }
} catch (error) {
  reportError(error);
}
