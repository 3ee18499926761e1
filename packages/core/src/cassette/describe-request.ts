import type { RecordedRequest } from "./recorded-exchange.js";

/** How a request is named in an error: method and path, model, first user message cut short. */
export interface RequestSummary {
  readonly request: string;
  readonly model: string | undefined;
  readonly firstUserMessage: string | undefined;
}

const shownCharacters = 80;

function cutShort(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, " ").trim());
  return characters.length <= shownCharacters ? characters.join("") : `${characters.slice(0, shownCharacters - 1).join("")}…`;
}

function messageText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .map((part) => (typeof part === "object" && part !== null ? (part as { text?: unknown }).text : undefined))
    .filter((text): text is string => typeof text === "string");
  return texts.length > 0 ? texts.join(" ") : undefined;
}

/** Names a request for an error message. */
export function describeRequest(request: RecordedRequest): RequestSummary {
  const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as { model?: unknown; messages?: unknown };
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const firstUser = messages.find((message) => (message as { role?: unknown } | null)?.role === "user") as { content?: unknown } | undefined;
  const text = messageText(firstUser?.content);
  return {
    request: `${request.method} ${request.path}`,
    model: typeof body.model === "string" ? body.model : undefined,
    firstUserMessage: text === undefined ? undefined : cutShort(text),
  };
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** The JSON paths where `a` and `b` differ, depth first, at most `limit` of them ("(root)" for different roots). */
export function differingPaths(a: unknown, b: unknown, limit: number, at = ""): string[] {
  if (limit <= 0 || Object.is(a, b)) return [];
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = !bothArrays && typeof a === "object" && a !== null && typeof b === "object" && b !== null && !Array.isArray(a) && !Array.isArray(b);
  if (!bothArrays && !bothObjects) return [at === "" ? "(root)" : at];
  const left = a as Record<string | number, unknown>;
  const right = b as Record<string | number, unknown>;
  const keys: Array<string | number> = bothArrays
    ? Array.from({ length: Math.max((a as unknown[]).length, (b as unknown[]).length) }, (_, index) => index)
    : [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  const found: string[] = [];
  for (const key of keys) {
    found.push(...differingPaths(left[key], right[key], limit - found.length, pathOf(at, key)));
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * Where the recorded request most like `request` (same method and path, the
 * fewest differing fields) differs from it, or undefined when none has the
 * same method and path.
 */
export function closestDifference(request: RecordedRequest, recorded: readonly RecordedRequest[]): string[] | undefined {
  let best: string[] | undefined;
  let bestCount = Number.POSITIVE_INFINITY;
  const mine = "body" in request ? request.body : request.text;
  for (const candidate of recorded) {
    if (candidate.method !== request.method || candidate.path !== request.path) continue;
    const paths = differingPaths(mine, "body" in candidate ? candidate.body : candidate.text, 50);
    if (paths.length < bestCount) {
      best = paths.slice(0, 3);
      bestCount = paths.length;
    }
  }
  return best;
}
