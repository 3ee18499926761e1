// The same extraction with the Effect API: failures are typed values in the
// error channel, handled by tag. Run: bash scripts/example.sh effect
import { createInstructor, Mode, structuredChat } from "@cortex-ml/core/effect";
import { Console, Effect } from "effect";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const Person = v.object({
  name: v.string(),
  age: v.number(),
});

const program = structuredChat(createInstructor(), {
  model: exampleModel,
  mode: Mode.JSON_SCHEMA,
  responseModel: Person,
  messages: [{ role: "user", content: "Jane is 30" }],
}).pipe(
  Effect.tap((person) => Console.log(person)),
  Effect.tapError(() =>
    Effect.sync(() => {
      process.exitCode = 1;
    }),
  ),
  Effect.catchTags({
    ConnectionError: (error) => Console.error(error.message),
    ModelNotFoundError: (error) => Console.error(error.message),
    RetriesExhaustedError: (error) => Console.error(`${error.message}\nRaw outputs: ${JSON.stringify(error.attempts.map((attempt) => attempt.rawOutput))}`),
  }),
  Effect.catchAll((error) => Effect.sync(() => reportError(error))), // every other typed error, in one line
);

await Effect.runPromise(program);
