import { describe, expect, it } from "vitest";
import { type JsonPath, PartialJsonParser } from "./index.js";

/** Every object and array reachable from `value`. */
function containers(value: unknown, found: object[] = []): object[] {
  if (typeof value !== "object" || value === null) return found;
  found.push(value);
  for (const child of Object.values(value)) containers(child, found);
  return found;
}

function expectPlainPrototypes(value: unknown): void {
  for (const container of containers(value)) {
    expect(Object.getPrototypeOf(container)).toBe(Array.isArray(container) ? Array.prototype : Object.prototype);
  }
}

/** Parses `text` one character at a time, checking prototypes after every chunk. */
function parseCharByChar(text: string, onValueComplete?: (path: JsonPath, value: unknown) => void): unknown {
  const parser = new PartialJsonParser(onValueComplete ? { onValueComplete } : {});
  for (const character of text) {
    parser.write(character);
    expectPlainPrototypes(parser.value);
  }
  return parser.end();
}

describe("PartialJsonParser: prototype safety", () => {
  const attacks = [
    '{"__proto__":{"polluted":true}}',
    '{"a":{"__proto__":{"polluted":true}},"b":[{"__proto__":{"polluted":"yes"}}]}',
    '{"__proto__":{"__proto__":{"polluted":1}},"ok":1}',
    '{"__proto__":"polluted","__proto__":[1,2],"__proto__":null}',
    '[{"__proto__":{"polluted":true},"x":2}]',
  ];
  for (const text of attacks) {
    it(`drops __proto__ members: ${text}`, () => {
      const result = parseCharByChar(text);
      expectPlainPrototypes(result);
      for (const container of containers(result)) {
        expect(Object.hasOwn(container, "__proto__")).toBe(false);
        expect((container as { polluted?: unknown }).polluted).toBeUndefined();
      }
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
    });
  }

  it("keeps the other members of an object that had __proto__", () => {
    expect(parseCharByChar('{"a":1,"__proto__":{"b":2},"c":[3]}')).toEqual({ a: 1, c: [3] });
  });

  it("reports no completed values under a dropped __proto__", () => {
    const paths: JsonPath[] = [];
    parseCharByChar('{"__proto__":{"x":[1,"s"]},"y":2}', (path) => paths.push(path));
    expect(paths).toEqual([["y"], []]);
  });

  it("stores constructor and prototype as plain own properties", () => {
    const result = parseCharByChar('{"constructor":{"prototype":{"polluted":true}},"prototype":"p","toString":"t","hasOwnProperty":1}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(result)).toEqual(["constructor", "prototype", "toString", "hasOwnProperty"]);
    expect(result.constructor).toEqual({ prototype: { polluted: true } });
    expect(result.prototype).toBe("p");
    expect(result.toString).toBe("t");
    expect(Object.getOwnPropertyDescriptor(result, "constructor")).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({}).constructor).toBe(Object);
    expectPlainPrototypes(result);
  });

  it("grows a string stored under a prototype name", () => {
    const parser = new PartialJsonParser();
    parser.write('{"constructor":"ab');
    expect(parser.value).toEqual({ constructor: "ab" });
    parser.write('c"}');
    expect(parser.end()).toEqual({ constructor: "abc" });
  });

  it("matches JSON.parse for constructor/prototype keys", () => {
    const text = '{"constructor":1,"prototype":{"constructor":[2]}}';
    expect(parseCharByChar(text)).toEqual(JSON.parse(text));
  });
});
