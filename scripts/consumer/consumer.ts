// Type-checked in a scratch project that installs the packed tarballs with npm:
// every package's public API, with the inferred output types.
import { createResponseModel, fromJsonSchema, maybe, type ResponseModel } from "@cortex-ml/schemas";
import { Person, Weather } from "@cortex-ml/schemas/examples";
import {
  buildMessages,
  ConnectionError,
  createInstructor,
  createPartial,
  fromProvider,
  iterable,
  Mode,
  RetriesExhaustedError,
  structuredChat,
  memoryCacheStore,
  structuredChatWithMetadata,
  union,
} from "@cortex-ml/core";
import { structuredChat as structuredChatEffect } from "@cortex-ml/core/effect";
import { grounded, llmValidator } from "@cortex-ml/validators";
import { main } from "@cortex-ml/cli";
import { type EvalReport, parseLabelledRecords, renderHtmlReport, renderTextReport, runEval } from "@cortex-ml/evals";
import { Effect } from "effect";
import * as v from "valibot";

const User = v.object({ name: v.string(), age: v.number() });
const client = createInstructor({ mode: Mode.JSON_SCHEMA });

export async function typed(): Promise<void> {
  const user = await structuredChat(client, { model: "llama3.2", responseModel: User, messages: buildMessages("John is 25") });
  const name: string = user.name;
  const age: number = user.age;
  const people: Array<{ name: string; age: number }> = await structuredChat(client, { model: "m", responseModel: iterable(Person), messages: buildMessages("x") });
  for await (const event of createPartial(client, { model: "m", responseModel: User, messages: buildMessages("x") })) {
    if (event.done) {
      const final: { name: string; age: number } = event.data;
      void final;
    } else {
      const partialName: string | undefined = event.data.name;
      void partialName;
    }
  }
  const effect: Effect.Effect<{ name: string; age: number }, unknown> = structuredChatEffect(client, { model: "m", responseModel: User, messages: [] });
  const action = union({ Weather, Search: v.object({ query: v.string() }) });
  const model: ResponseModel = createResponseModel(maybe(User));
  const fromJson = fromJsonSchema({ type: "object", properties: { a: { type: "string" } } });
  const Review = v.objectAsync({ content: v.pipeAsync(v.string(), llmValidator("must be polite", { client, model: "m" })), quote: v.pipe(v.string(), grounded("source")) });
  const provider = fromProvider("ollama/llama3.2");
  // One client type: a provider client works with every helper, its model defaulted.
  const fromProviderUser: { name: string; age: number } = await structuredChat(provider, { responseModel: User, messages: buildMessages("x") });
  const judged = v.objectAsync({ content: v.pipeAsync(v.string(), llmValidator("must be polite", { client: provider })) });
  const exitCode: number = await main(["--version"]);
  const cached = createInstructor({ cache: { store: memoryCacheStore(), ttl: 60_000 } });
  const hitOrMiss: "hit" | "miss" | undefined = (await structuredChatWithMetadata(cached, { model: "m", responseModel: User, messages: buildMessages("x") })).cache;
  const report: EvalReport = await runEval({
    responseModel: User,
    records: parseLabelledRecords('{"text":"John is 25","label":{"name":"John","age":25}}'),
    targets: [{ client: cached, model: "m" }],
    comparison: { paths: { age: { tolerance: 1 } } },
  });
  const f1: number | null = report.targets[0]?.fields[0]?.f1 ?? null;
  const pages: string[] = [renderTextReport(report), renderHtmlReport(report)];

  void [f1, pages, hitOrMiss, name, age, people, effect, action, model, fromJson, Review, provider, fromProviderUser, judged, exitCode, ConnectionError.isInstance, RetriesExhaustedError.isInstance];
}
