// The embedded provider's public API, type-checked from the installed tarball.
// (Checked with skipLibCheck: node-llama-cpp's own declarations do not pass a full lib check.)
import { buildMessages } from "@cortex-ml/core";
import { fromLocalModel, startLocalServer } from "@cortex-ml/provider-local";
import * as v from "valibot";

const User = v.object({ name: v.pipe(v.string(), v.maxLength(30)), age: v.number() });

export async function typedLocal(): Promise<void> {
  const local = fromLocalModel("./model.gguf", { threads: 1 });
  const user: { name: string; age: number } = await local.chat.completions.create({ responseModel: User, messages: buildMessages("x") });
  const server = await startLocalServer({ modelPath: "./model.gguf" });
  const baseURL: string = server.baseURL;
  void [user, baseURL];
}
