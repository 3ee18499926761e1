// Parallel tool use (union responses): the model may call several tools at
// once; each call comes back validated against its own schema, as a
// discriminated union. Run: bash scripts/example.sh parallel
import { createInstructor, createIterable, iterable, Mode, union } from "@cortex-ml/core";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const Weather = v.object({
  location: v.string(),
  units: v.picklist(["imperial", "metric"]),
});

const GoogleSearch = v.object({
  query: v.string(),
});

try {
  const actions = createIterable(createInstructor(), {
    model: exampleModel,
    mode: Mode.PARALLEL_TOOLS,
    responseModel: iterable(union({ Weather, GoogleSearch })),
    messages: [{ role: "user", content: "Weather in NYC and who won Super Bowl 2024" }],
  });
  for await (const action of actions) {
    if (action.type === "Weather") console.log(`weather lookup: ${action.value.location} (${action.value.units})`);
    else console.log(`web search: ${action.value.query}`);
  }
} catch (error) {
  reportError(error);
}
