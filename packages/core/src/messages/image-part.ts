import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { ChatCompletionContentPart } from "openai/resources/chat/completions";
import { InvalidArgumentError } from "../errors/index.js";

/** An image for a user message: a URL (http(s) or data:), a file path, or base64 bytes. */
export type ImageInput =
  | { readonly type: "image"; readonly url: string; readonly detail?: "auto" | "low" | "high" }
  | { readonly type: "image"; readonly path: string; readonly detail?: "auto" | "low" | "high" }
  | { readonly type: "image"; readonly base64: string; readonly mediaType: string; readonly detail?: "auto" | "low" | "high" };

const mediaTypes: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".bmp": "image/bmp",
};

/** The media type of an image file from its extension, or an error naming the ones known. */
export function imageMediaType(path: string): string {
  const type = mediaTypes[extname(path).toLowerCase()];
  if (type) return type;
  throw new InvalidArgumentError({
    argument: "image.path",
    problem: `"${path}": unknown image type; use ${Object.keys(mediaTypes).join(", ")}, or pass { base64, mediaType }.`,
  });
}

/** Turns an {@link ImageInput} into the OpenAI `image_url` content part (files and base64 become data URLs). */
export function toImageContentPart(image: ImageInput): ChatCompletionContentPart {
  let url: string;
  if ("url" in image) url = image.url;
  else if ("path" in image) {
    const mediaType = imageMediaType(image.path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(image.path);
    } catch (error) {
      throw new InvalidArgumentError({ argument: "image.path", problem: `cannot read "${image.path}": ${(error as Error).message}` });
    }
    url = `data:${mediaType};base64,${bytes.toString("base64")}`;
  } else url = `data:${image.mediaType};base64,${image.base64}`;
  return { type: "image_url", image_url: { url, ...(image.detail ? { detail: image.detail } : {}) } };
}
