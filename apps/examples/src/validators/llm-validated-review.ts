// Custom validators (LLM-aware): the review's content must be professional and
// constructive, judged by a model; a "no" is sent back to the writer with the
// judge's reason until it complies. Run: bash scripts/example.sh review
import { createInstructor, Mode, structuredChatWithMetadata } from "@cortex-ml/core";
import { llmValidator } from "@cortex-ml/validators";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const client = createInstructor({ mode: Mode.JSON_SCHEMA }); // the judge's calls too

const Review = v.objectAsync({
  content: v.pipeAsync(v.string(), llmValidator("must be professional and constructive", { client, model: exampleModel })),
  rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
});

try {
  const { data: review, attempts, usage } = await structuredChatWithMetadata(client, {
    model: exampleModel,
    responseModel: Review,
    messages: [{ role: "user", content: "Write a product review" }],
  });
  console.log(review);
  console.log(`attempts: ${attempts}, tokens (judge included): ${usage.totalTokens}`);
} catch (error) {
  reportError(error); // RetriesExhaustedError when the content never became professional
}
