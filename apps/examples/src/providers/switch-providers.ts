// Multi-provider switching: the same response model and the same call against
// any provider, by changing one string. Hosted providers read their key from
// their environment variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, DEEPSEEK_API_KEY...).
// Run: bash scripts/example.sh providers [provider/model ...]
import { fromProvider } from "@cortex-ml/core";
import * as v from "valibot";
import { reportError } from "../settings.js";

const User = v.object({
  name: v.string(),
  age: v.number(),
});

// e.g. "openai/gpt-4o", "anthropic/claude-3-5-haiku-latest", "deepseek/deepseek-chat"
const targets = process.argv.length > 2 ? process.argv.slice(2) : [`ollama/${process.env.CORTEX_MODEL ?? "llama3.2"}`];

for (const target of targets) {
  try {
    const client = fromProvider(target);
    const user = await client.chat.completions.create({
      responseModel: User,
      messages: [{ role: "user", content: "Extract: John is 25" }],
    });
    console.log(`${target}:`, user);
  } catch (error) {
    reportError(error); // e.g. ProviderConfigError: Provider "openai": no API key. Set OPENAI_API_KEY ...
  }
}
