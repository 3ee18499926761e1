/** True when `value` is an object whose `_tag` is `tag` (works across duplicate package copies). */
export function hasTag(value: unknown, tag: string): boolean {
  return typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === tag;
}
