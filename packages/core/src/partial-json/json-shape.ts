/**
 * Which object keys a JSON Schema allows, at each place of a document: what
 * a streaming parser needs to keep keys the schema does not know out of a
 * partial value. Built lazily from the wire JSON Schema (`$ref`s into
 * `$defs`/`definitions`, `anyOf`/`oneOf`/`allOf`, `properties`,
 * `additionalProperties`, `items`/`prefixItems`); where the schema says
 * nothing or allows any key (records, loose objects), every key is kept.
 */
export interface JsonShape {
  /** The keys an object here may have; undefined when any key may appear. */
  readonly keys: ReadonlySet<string> | undefined;
  /** The shape of the member `key` of an object here. */
  member(key: string): JsonShape;
  /** The shape of the element `index` of an array here. */
  element(index: number): JsonShape;
}

type Node = Record<string, unknown>;

const anyShape: JsonShape = {
  keys: undefined,
  member: () => anyShape,
  element: () => anyShape,
};

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON Schema `root` as a {@link JsonShape}; any non-object schema (or `true`) allows everything. */
export function jsonShapeOf(root: unknown): JsonShape {
  if (!isNode(root)) return anyShape;
  const shapes = new Map<Node, JsonShape>();

  const resolve = (node: Node, seen: Set<Node> = new Set()): Node[] => {
    if (seen.has(node)) return [];
    seen.add(node);
    const reference = node.$ref;
    if (typeof reference === "string") {
      const target = lookup(reference);
      return target ? resolve(target, seen) : [{}];
    }
    const branches = [node.anyOf, node.oneOf].find(Array.isArray) as unknown[] | undefined;
    if (branches) return branches.filter(isNode).flatMap((branch) => resolve(branch, seen));
    const all = Array.isArray(node.allOf) ? (node.allOf as unknown[]).filter(isNode) : [];
    return [node, ...all.flatMap((branch) => resolve(branch, seen))];
  };

  const lookup = (reference: string): Node | undefined => {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
    if (!match) return reference === "#" ? root : undefined;
    const definitions = root[match[1] as string];
    const name = (match[2] as string).replaceAll("~1", "/").replaceAll("~0", "~");
    return isNode(definitions) && isNode(definitions[name]) ? definitions[name] : undefined;
  };

  const shapeOf = (node: Node): JsonShape => {
    let shape = shapes.get(node);
    if (shape) return shape;
    shape = build(resolve(node));
    shapes.set(node, shape);
    return shape;
  };

  /** One shape for several alternatives: a key allowed by any of them is kept. */
  const build = (alternatives: readonly Node[]): JsonShape => {
    if (alternatives.length === 0) return anyShape;
    let keys: Set<string> | undefined = new Set();
    for (const node of alternatives) {
      const properties = isNode(node.properties) ? node.properties : undefined;
      const extra = node.additionalProperties;
      const closed = properties !== undefined && (extra === undefined || extra === false);
      if (!closed) {
        keys = undefined;
        break;
      }
      for (const key of Object.keys(properties)) keys.add(key);
    }
    const memberShapes = new Map<string, JsonShape>();
    const elementShapes = new Map<number, JsonShape>();
    return {
      keys,
      member(key) {
        let member = memberShapes.get(key);
        if (member === undefined) {
          const found = alternatives.flatMap((node) => {
            const properties = isNode(node.properties) ? node.properties : undefined;
            const value = properties && Object.hasOwn(properties, key) ? properties[key] : node.additionalProperties;
            return isNode(value) ? [value] : value === undefined || value === false ? [] : [{}];
          });
          member = found.length === 1 ? shapeOf(found[0] as Node) : build(found.flatMap((node) => resolve(node)));
          memberShapes.set(key, member);
        }
        return member;
      },
      element(index) {
        const slot = alternatives.some((node) => Array.isArray(node.prefixItems) || Array.isArray(node.items)) ? index : -1;
        let element = elementShapes.get(slot);
        if (element === undefined) {
          const found = alternatives.flatMap((node) => {
            const tuple = (Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : undefined) as unknown[] | undefined;
            const value = tuple && index < tuple.length ? tuple[index] : tuple ? (node.additionalItems ?? (Array.isArray(node.items) ? undefined : node.items)) : node.items;
            return isNode(value) ? [value] : value === undefined || value === false ? [] : [{}];
          });
          element = found.length === 1 ? shapeOf(found[0] as Node) : build(found.flatMap((node) => resolve(node)));
          elementShapes.set(slot, element);
        }
        return element;
      },
    };
  };

  return shapeOf(root);
}
