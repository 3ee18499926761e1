/** The `data:` event that terminates an OpenAI stream. */
export const SSE_DONE = "data: [DONE]\n\n";

/** The wire text of one stream chunk: strings verbatim, anything else as a JSON `data:` event. */
export function encodeSseChunk(chunk: unknown): string {
  return typeof chunk === "string" ? chunk : `data: ${JSON.stringify(chunk)}\n\n`;
}
