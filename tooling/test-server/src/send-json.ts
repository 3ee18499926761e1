import type { ServerResponse } from "node:http";

/** Statuses whose responses must not carry a body. */
function isBodyless(status: number): boolean {
  return status === 204 || status === 304 || (status >= 100 && status < 200);
}

/** Answer with `status` and `body` as JSON (`application/json`), then apply `headers` over the defaults. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.statusCode = status;
  if (isBodyless(status)) {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.end();
    return;
  }
  response.setHeader("content-type", "application/json");
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.end(JSON.stringify(body));
}

/** The OpenAI-style error body the test server uses for its own errors. */
export function testError(message: string): { error: { message: string; type: string } } {
  return { error: { message: `test server: ${message}`, type: "test_error" } };
}
