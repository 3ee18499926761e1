import { describe, expect, it } from "vitest";
import { LabelledDataError } from "./labelled-data-error.js";
import { parseLabelledRecords } from "./labelled-record.js";

describe("parseLabelledRecords", () => {
  it("reads one record a line with its line number and id, skipping blank lines, a BOM and CRLF", () => {
    const content = '\uFEFF{"id":"a","text":"Ann is 31","label":{"name":"Ann"}}\r\n\n{"text":"Bo","label":null}\n';
    expect(parseLabelledRecords(content)).toEqual([
      { line: 1, id: "a", text: "Ann is 31", label: { name: "Ann" } },
      { line: 3, text: "Bo", label: null },
    ]);
  });

  it("takes the text and label from the fields named", () => {
    expect(parseLabelledRecords('{"body":"x","expected":[1]}', { textField: "body", labelField: "expected" })).toEqual([{ line: 1, text: "x", label: [1] }]);
  });

  it("lists every line that is not a labelled record", () => {
    const content = ['{"text":"ok","label":{}}', "not json", '{"label":{}}', '{"text":"  ","label":{}}', '{"text":"x"}', "[1]", '{"text":5,"label":{}}'].join("\n");
    let error: unknown;
    try {
      parseLabelledRecords(content);
    } catch (caught) {
      error = caught;
    }
    expect(LabelledDataError.isInstance(error)).toBe(true);
    const problems = (error as LabelledDataError).problems;
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(problems[1]?.problem).toBe('has no "text" field');
    expect(problems[3]?.problem).toBe('has no "label" field');
    expect((error as Error).message).toMatch(/^line 2 is not valid JSON .*; line 3 has no "text" field; .*; and 1 more line\(s\)$/);
  });

  it("fails on data with no record", () => {
    expect(() => parseLabelledRecords("\n\n")).toThrow("the data has no labelled records");
  });
});
