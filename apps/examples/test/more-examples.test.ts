import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withoutLocalGrammar } from "./local-grammar-modes.js";
import { readmeExampleCommand } from "./readme-commands.js";
import { runCommand, runExample } from "./run-example.js";

const server = useTestServer({ beforeEach, afterEach }, { probes: "honour" });

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL, CORTEX_MODEL: "llama3.2" });
const lastMessage = (index: number) =>
  ((server.requests[index]?.body as { messages: Array<{ content: string }> }).messages.at(-1) ?? { content: "" }).content;

describe("more examples, run as README writes them", () => {
  it("review re-asks until the judge accepts the content", async () => {
    server.enqueue(
      completion('{"content":"Worst thing ever, idiots.","rating":1}'),
      completion('{"isValid":false,"reason":"It insults people."}'),
      completion('{"content":"It stopped working after two days; better QA would help.","rating":2}'),
      completion('{"isValid":true}'),
    );
    const run = await runCommand(readmeExampleCommand("review"), environment());
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("better QA would help");
    expect(run.stdout).toContain("attempts: 2, tokens (judge included): 60");
    expect(lastMessage(2)).toContain("It insults people.");
    expect(withoutLocalGrammar(server.requests)).toEqual([]); // the judge's calls too
  });

  it("maybe prints Found or Uncertain", async () => {
    server.enqueue(completion('{"result":{"name":"John","age":25},"error":false}'));
    const found = await runExample("maybe/maybe-user.ts", environment(), ["John is 25"]);
    expect(found.stdout).toContain("Found: { name: 'John', age: 25 }");
    expect(lastMessage(0)).toBe("John is 25");
    server.enqueue(completion('{"result":null,"error":true,"message":"The text names nobody."}'));
    const unsure = await runCommand(readmeExampleCommand("maybe"), environment());
    expect(unsure.stdout).toContain("Uncertain: The text names nobody.");
    expect(lastMessage(1)).toBe("Extract: unclear text");
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
  });

  it("providers runs the same call on each provider string and explains a missing key", async () => {
    server.enqueue(completion('{"name":"John","age":25}'), completion('{"name":"John","age":25}'));
    const run = await runCommand(readmeExampleCommand("providers"), { ...environment(), OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "sk-test" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("ollama/llama3.2: { name: 'John', age: 25 }");
    expect(run.stdout).toContain("openai/gpt-4o: { name: 'John', age: 25 }");
    expect(server.requests.map((request) => request.body)).toMatchObject([
      { model: "llama3.2", response_format: { type: "json_schema" } },
      { model: "gpt-4o", response_format: { type: "json_schema", json_schema: { strict: true } } },
    ]);
    const missing = await runExample("providers/switch-providers.ts", { ...environment(), OPENAI_API_KEY: "" }, ["openai/gpt-4o"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('ProviderConfigError: Provider "openai": no API key. Set OPENAI_API_KEY (export OPENAI_API_KEY=...) or pass { apiKey }.');
    expect(server.requests).toHaveLength(2);
  });

  it("invoice extracts a nested invoice and re-asks when the total does not add up", async () => {
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
    const run = await runCommand(readmeExampleCommand("invoice"), environment());
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("issued 2024-03-15, 2 items, valid after 2 attempt(s)");
    expect(lastMessage(1)).toContain("total must equal the sum of quantity x unitPrice over the items");
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
  });
});
