// Runs in the scratch project: one structuredChat, one CLI extract and one CLI eval against
// a loopback chat-completions server, using only the installed tarballs.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createInstructor, structuredChat } from "@cortex-ml/core";
import * as v from "valibot";

const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    const content = '{"name":"John","age":25}';
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ id: "c", object: "chat.completion", created: 1, model: JSON.parse(body).model, choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;
try {
  const person = await structuredChat(createInstructor({ baseURL }), {
    model: "llama3.2",
    responseModel: v.object({ name: v.string(), age: v.number() }),
    messages: [{ role: "user", content: "John is 25" }],
  });
  if (person.name !== "John" || person.age !== 25) throw new Error(`structuredChat gave ${JSON.stringify(person)}`);
  writeFileSync("person.json", JSON.stringify({ type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"] }));
  const output = await new Promise((resolve, reject) => {
    import("node:child_process").then(({ execFile }) =>
      execFile("node_modules/.bin/cortex-ml", ["extract", "John is 25", "--schema", "person.json", "--base-url", baseURL, "--compact"], (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
  });
  if (output.trim() !== '{"name":"John","age":25}') throw new Error(`cortex-ml extract printed ${output}`);
  writeFileSync("labelled.jsonl", '{"id":"j","text":"John is 25","label":{"name":"John","age":26}}\n');
  const evaluated = await new Promise((resolve, reject) => {
    import("node:child_process").then(({ execFile }) =>
      execFile("node_modules/.bin/cortex-ml", ["eval", "--schema", "person.json", "--data", "labelled.jsonl", "--base-url", baseURL, "--no-cache", "--json"], (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
      ),
    );
  });
  // name right, age 25 against the label's 26: F1 over all fields 1/2.
  if (evaluated.targets[0]?.overall?.f1 !== 0.5) throw new Error(`cortex-ml eval reported ${JSON.stringify(evaluated.targets[0])}`);
  const model = process.env.CORTEX_SMOKE_MODEL;
  if (model) {
    const { disposeLocalEngines, fromLocalModel } = await import("@cortex-ml/provider-local");
    const local = fromLocalModel(model, { threads: 1 });
    const user = await local.chat.completions.create({
      responseModel: v.object({ name: v.pipe(v.string(), v.maxLength(30)), age: v.pipe(v.number(), v.integer()) }),
      messages: [{ role: "user", content: "John is 25" }],
    });
    await disposeLocalEngines();
    if (typeof user.name !== "string" || !Number.isInteger(user.age)) throw new Error(`local extraction gave ${JSON.stringify(user)}`);
  }
  console.log(`consumer smoke: structuredChat${model ? ", the local provider" : ""}, cortex-ml extract and cortex-ml eval work from the installed tarballs`);
} finally {
  server.close();
}
void execFileSync;
