/** A JSON Schema document as sent on the wire (draft-07 subset). */
export type JsonSchema = { [key: string]: unknown };

/** A JSON Schema whose root is an object schema, as tools and response formats require. */
export type JsonObjectSchema = JsonSchema & {
  type: "object";
  properties: Record<string, JsonSchema>;
  required?: string[];
};
