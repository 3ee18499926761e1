import { describe, expect, it } from "vitest";
import { isCompleteAt } from "./open-state.js";
import { PartialJsonParser } from "./partial-json-parser.js";

/** A deep copy of the parser's value and its open state, as a snapshot would keep them. */
function snapshotAfter(text: string) {
  const parser = new PartialJsonParser();
  parser.write(text);
  return { data: structuredClone(parser.value), state: parser.openState(), parser };
}

describe("isCompleteAt", () => {
  it("answers for the moment of the snapshot, however far the parser went on", () => {
    const { data, state, parser } = snapshotAfter('{"name":"Jane","bio":"Lo');
    parser.write('ng text","tags":["a"]}');
    expect(isCompleteAt(data, state, ["name"])).toBe(true);
    expect(isCompleteAt(data, state, ["bio"])).toBe(false);
    expect(isCompleteAt(data, state, [])).toBe(false);
    expect(isCompleteAt(data, state, ["tags"])).toBe(false);
    expect(parser.isComplete(["bio"])).toBe(true);
  });

  it("agrees with the live parser at the moment of the snapshot, for every prefix of a document", () => {
    const text = '{"a":[1,{"b":"xy","c":[true,null]},"z"],"d":{"e":-1.5e3},"f":"q"}';
    const paths = [[], ["a"], ["a", 0], ["a", 1], ["a", 1, "b"], ["a", 1, "c"], ["a", 1, "c", 0], ["a", 2], ["d"], ["d", "e"], ["f"]];
    for (let end = 1; end <= text.length; end += 1) {
      const { data, state, parser } = snapshotAfter(text.slice(0, end));
      for (const path of paths) expect(isCompleteAt(data, state, path), `${text.slice(0, end)} @ ${path.join(".")}`).toBe(parser.isComplete(path));
    }
  });
});
