// The same extraction with the Effect API: failures are typed values in the
// error channel, handled by tag. Run: pnpm --filter @cortex-ml/examples effect
import { createInstructor, structuredChat } from "@cortex-ml/core/effect";
import { Console, Effect } from "effect";
import * as v from "valibot";
import { exampleModel } from "../settings.js";

const Person = v.object({
  name: v.string(),
  age: v.number(),
});

const program = structuredChat(createInstructor(), {
  model: exampleModel,
  responseModel: Person,
  messages: [{ role: "user", content: "Jane is 30" }],
}).pipe(
  Effect.tap((person) => Console.log(person)),
  Effect.catchTags({
    ConnectionError: (error) => Console.error(error.message),
    ModelNotFoundError: (error) => Console.error(error.message),
    RetriesExhaustedError: (error) => Console.error(`${error.message}\nRaw outputs: ${JSON.stringify(error.attempts.map((attempt) => attempt.rawOutput))}`),
  }),
);

await Effect.runPromise(program);
