// The embedded provider's and the Redis store's public API, type-checked from the installed tarballs.
// (Checked with skipLibCheck: node-llama-cpp's and ioredis's own declarations do not pass a full lib check.)
import { buildMessages, createInstructor } from "@cortex-ml/core";
import { redisCacheStore } from "@cortex-ml/store-redis";
import { fromLocalModel, startLocalServer } from "@cortex-ml/provider-local";
import * as v from "valibot";

const User = v.object({ name: v.pipe(v.string(), v.maxLength(30)), age: v.number() });

export async function typedLocal(): Promise<void> {
  const local = fromLocalModel("./model.gguf", { threads: 1 });
  const user: { name: string; age: number } = await local.chat.completions.create({ responseModel: User, messages: buildMessages("x") });
  const server = await startLocalServer({ modelPath: "./model.gguf" });
  const baseURL: string = server.baseURL;
  const shared = createInstructor({ cache: { store: redisCacheStore("redis://127.0.0.1:6379", { prefix: "app:" }), ttl: 60_000 } });
  void [user, baseURL, shared];
}
