import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runExample } from "./run-example.js";

const server = useTestServer({ beforeEach, afterEach });

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL, CORTEX_MODEL: "llama3.2" });
const lastMessage = (index: number) =>
  ((server.requests[index]?.body as { messages: Array<{ content: string }> }).messages.at(-1) ?? { content: "" }).content;

describe("more examples", () => {
  it("llm-validated-review.ts re-asks until the judge accepts the content", async () => {
    server.enqueue(
      completion('{"content":"Worst thing ever, idiots.","rating":1}'),
      completion('{"isValid":false,"reason":"It insults people."}'),
      completion('{"content":"It stopped working after two days; better QA would help.","rating":2}'),
      completion('{"isValid":true}'),
    );
    const run = await runExample("validators/llm-validated-review.ts", environment());
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("better QA would help");
    expect(run.stdout).toContain("attempts: 2, tokens (judge included): 60");
    expect(lastMessage(2)).toContain("It insults people.");
  });

  it("maybe-user.ts prints Found or Uncertain", async () => {
    server.enqueue(completion('{"result":{"name":"John","age":25},"error":false}'));
    const found = await runExample("maybe/maybe-user.ts", environment());
    expect(found.stdout).toContain("Found: { name: 'John', age: 25 }");
    server.enqueue(completion('{"result":null,"error":true,"message":"The text names nobody."}'));
    const unsure = await runExample("maybe/maybe-user.ts", environment());
    expect(unsure.stdout).toContain("Uncertain: The text names nobody.");
  });

  it("switch-providers.ts runs the same call on each provider string and explains a missing key", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const run = await runExample("providers/switch-providers.ts", { ...environment(), OPENAI_API_KEY: "" });
    expect(run.stdout).toContain("ollama/llama3.2: { name: 'John', age: 25 }");
    expect(server.requests[0]?.body).toMatchObject({ response_format: { type: "json_schema" } });
    const missing = await runExample("providers/switch-providers.ts", { ...environment(), OPENAI_API_KEY: "" }, ["openai/gpt-4o"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('ProviderConfigError: Provider "openai": no API key. Set OPENAI_API_KEY (export OPENAI_API_KEY=...) or pass { apiKey }.');
    expect(server.requests).toHaveLength(1);
  });

  it("invoice.ts extracts a nested invoice and re-asks when the total does not add up", async () => {
    const invoice = (total: number) =>
      JSON.stringify({
        invoiceNumber: "INV-2024-0042",
        issuedOn: "2024-03-15",
        vendor: { name: "Northwind Traders", email: "billing@northwind.example" },
        currency: "EUR",
        items: [
          { description: "Ergonomic keyboard", quantity: 3, unitPrice: 49.9 },
          { description: '27" monitor', quantity: 1, unitPrice: 229 },
        ],
        total,
      });
    server.enqueue(completion(invoice(400)), completion(invoice(378.7)));
    const run = await runExample("extraction/invoice.ts", environment());
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("issued 2024-03-15, 2 items, valid after 2 attempt(s)");
    expect(lastMessage(1)).toContain("total must equal the sum of quantity x unitPrice over the items");
    expect((server.requests[0]?.body as { response_format: { type: string } }).response_format.type).toBe("json_schema");
  });
});
