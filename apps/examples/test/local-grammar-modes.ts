import type { RecordedRequest } from "@cortex-ml/test-server";

type ChatBody = { response_format?: { type?: string }; tools?: unknown[] } | undefined;

/**
 * The bodies of the requests whose output the local provider's server does
 * not enforce by grammar: it does for a `json_schema` response format and for
 * tools; a bare `json_object` (Mode.JSON) only gets "some JSON", so a small
 * model writes keys of its own, and MD_JSON gets no grammar at all.
 */
export function withoutLocalGrammar(requests: readonly RecordedRequest[]): unknown[] {
  return requests
    .map((request) => request.body as ChatBody)
    .filter((body) => body?.response_format?.type !== "json_schema" && (body?.tools?.length ?? 0) === 0);
}
