import { open, stat } from "node:fs/promises";
import { InvalidArgumentError } from "@cortex-ml/core";

/** The first four bytes of every GGUF file. */
const ggufMagic = "GGUF";

/** Why a model file cannot be used, before llama.cpp is asked to load it. */
export type ModelFileProblem = { readonly kind: "missing" } | { readonly kind: "invalid"; readonly error: InvalidArgumentError };

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Checks that `path` is a readable GGUF file (by its magic bytes), cheaply
 * and without llama.cpp: undefined when it is, else what is wrong.
 */
export async function checkModelFile(path: string): Promise<ModelFileProblem | undefined> {
  const invalid = (problem: string): ModelFileProblem => ({
    kind: "invalid",
    error: new InvalidArgumentError({ argument: "modelPath", problem: `${path} ${problem}` }),
  });
  try {
    const info = await stat(path);
    if (info.isDirectory()) return invalid("is a directory; pass the .gguf file inside it.");
    const head = await firstBytes(path, 4);
    if (head.toString("latin1") !== ggufMagic) {
      return invalid(`is not a GGUF model file (it starts with ${JSON.stringify(head.toString("latin1"))}, a GGUF file with "GGUF"). Pass a .gguf file; convert other formats with llama.cpp's convert_hf_to_gguf.py.`);
    }
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return invalid(`cannot be read (${code ?? (error as Error).message}).`);
  }
}
