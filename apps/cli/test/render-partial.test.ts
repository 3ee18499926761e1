import { describe, expect, it } from "vitest";
import { PartialRenderer } from "../src/render-partial.js";
import { fakeOutput } from "./fake-io.js";

const lines = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));

describe("PartialRenderer", () => {
  it("draws a drawing that fits in full, and erases exactly what it drew", () => {
    const output = fakeOutput({ isTTY: true, rows: 24, columns: 80 });
    const renderer = new PartialRenderer(output);
    renderer.draw(lines(2));
    renderer.draw(lines(3));
    renderer.clear();
    expect(output.writes).toEqual([
      '{\n  "k0": 0,\n  "k1": 1\n}\n',
      '\u001b[4F\u001b[0J{\n  "k0": 0,\n  "k1": 1,\n  "k2": 2\n}\n',
      "\u001b[5F\u001b[0J",
    ]);
  });

  it("keeps a drawing taller than the window to the window, newest lines last", () => {
    const output = fakeOutput({ isTTY: true, rows: 5, columns: 80 });
    const renderer = new PartialRenderer(output);
    renderer.draw(lines(10));
    expect(output.writes[0]).toBe('… 9 more lines above\n  "k8": 8,\n  "k9": 9\n}\n');
    renderer.clear();
    expect(output.writes[1]).toBe("\u001b[4F\u001b[0J");
  });

  it("counts wrapped rows, and takes an unknown size (0 x 0) as 80 x 24", () => {
    const output = fakeOutput({ isTTY: true, rows: 0, columns: 0 });
    const renderer = new PartialRenderer(output);
    renderer.draw({ text: "x".repeat(200) });
    const drawn = output.writes[0]?.split("\n").slice(0, -1) ?? [];
    expect(drawn).toHaveLength(5);
    expect(drawn.every((row) => row.length <= 79)).toBe(true);
    renderer.draw(lines(40));
    expect(output.writes[1]?.startsWith("\u001b[5F\u001b[0J… 20 more lines above\n")).toBe(true);
    expect(output.writes[1]?.split("\n").slice(0, -1)).toHaveLength(23);
  });

  it("a window of one row shows only how much there is", () => {
    const output = fakeOutput({ isTTY: true, rows: 2, columns: 80 });
    new PartialRenderer(output).draw(lines(3));
    expect(output.writes).toEqual(["… 5 more lines above\n"]);
  });
});
