/**
 * Where a value sits in an answer: `path` is the schema path every element
 * of an array shares (`items[].price`), the key a report row is kept under;
 * `at` is the concrete place in one record (`items[2].price`), shown when a
 * value disagrees with its label.
 */
export interface FieldLocation {
  readonly path: string;
  readonly at: string;
}

/** The whole answer. Shown as `(root)`. */
export const rootLocation: FieldLocation = { path: "", at: "" };

const identifier = /^[A-Za-z_$][\w$]*$/;

function withKey(parent: string, key: string): string {
  if (identifier.test(key)) return parent === "" ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The location of an object's property: `address.city`, or `meta["content-type"]` for a key that is not an identifier. */
export function propertyLocation(parent: FieldLocation, key: string): FieldLocation {
  return { path: withKey(parent.path, key), at: withKey(parent.at, key) };
}

/** The location of an array's element `index`: schema path `tags[]`, concrete place `tags[3]`. */
export function elementLocation(parent: FieldLocation, index: number): FieldLocation {
  return { path: `${parent.path}[]`, at: `${parent.at}[${index}]` };
}

/** A path as people read it: `(root)` for the whole answer. */
export function displayPath(path: string): string {
  return path === "" ? "(root)" : path;
}
