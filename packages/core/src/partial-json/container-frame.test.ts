import { describe, expect, it } from "vitest";
import { MemberMode, memberModeFor, openFrame, pathOfFrames, storeInFrame } from "./container-frame.js";

describe("memberModeFor", () => {
  it("drops __proto__, defines names Object.prototype has, assigns the rest", () => {
    expect(memberModeFor("__proto__")).toBe(MemberMode.drop);
    for (const name of ["constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) expect(memberModeFor(name)).toBe(MemberMode.define);
    for (const name of ["prototype", "name", "", "__proto", "proto"]) expect(memberModeFor(name)).toBe(MemberMode.assign);
  });
});

describe("storeInFrame", () => {
  it("appends to or replaces the last element of an array", () => {
    const frame = openFrame([], true, false);
    storeInFrame(frame, "a", true);
    storeInFrame(frame, "ab", false);
    storeInFrame(frame, 1, true);
    expect(frame.container).toEqual(["ab", 1]);
  });

  it("stores object members by mode, never touching the prototype", () => {
    const frame = openFrame({}, false, false);
    for (const [key, value] of [["a", 1], ["constructor", 2], ["__proto__", { polluted: true }]] as const) {
      frame.key = key;
      frame.memberMode = memberModeFor(key);
      storeInFrame(frame, value, true);
    }
    expect(Object.getPrototypeOf(frame.container)).toBe(Object.prototype);
    expect(Object.keys(frame.container)).toEqual(["a", "constructor"]);
    expect((frame.container as Record<string, unknown>).constructor).toBe(2);
  });
});

describe("pathOfFrames", () => {
  it("uses the current key of objects and the last index of arrays", () => {
    const object = openFrame({}, false, false);
    object.key = "list";
    expect(pathOfFrames([object, openFrame(["x", "y"], true, false)])).toEqual(["list", 1]);
    expect(pathOfFrames([])).toEqual([]);
  });
});
