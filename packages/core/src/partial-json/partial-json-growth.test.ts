import { describe, expect, it } from "vitest";
import { PartialJsonParser } from "./index.js";

/** A JSON text of about `characters` characters: an object with strings, numbers and an array of objects. */
function documentOf(characters: number): string {
  const items: string[] = [];
  let length = 0;
  for (let id = 0; length < characters; id += 1) {
    const item = `{"id":${id},"name":"item \\"${id}\\" é😀","price":${(id * 7.31) % 1000},"tags":["a","b"],"ok":${id % 2 === 0},"w":-${id}e-3}`;
    items.push(item);
    length += item.length + 1;
  }
  return `{"title":"growth","count":${items.length},"items":[${items.join(",")}]}`;
}

/** Milliseconds to stream `text` in 4-character chunks, reading the value after each. */
function streamMilliseconds(text: string): number {
  const started = performance.now();
  const parser = new PartialJsonParser();
  let snapshot: unknown;
  for (let index = 0; index < text.length; index += 4) {
    parser.write(text.slice(index, index + 4));
    snapshot = parser.value;
  }
  parser.end();
  const elapsed = performance.now() - started;
  expect(snapshot).toBeDefined();
  return elapsed;
}

describe("PartialJsonParser: linear growth", () => {
  it("takes less than 35x longer for 10x more input (linear gives ~10x plus garbage-collection growth, quadratic ~100x)", () => {
    const small = documentOf(100 * 1024);
    const large = documentOf(1024 * 1024);
    for (let warmup = 0; warmup < 3; warmup += 1) streamMilliseconds(small);
    // Interleaved rounds, best of each: the least disturbed measurement of a shared, noisy machine.
    let smallTime = Number.POSITIVE_INFINITY;
    let largeTime = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round += 1) {
      smallTime = Math.min(smallTime, streamMilliseconds(small), streamMilliseconds(small));
      largeTime = Math.min(largeTime, streamMilliseconds(large));
    }
    const ratio = largeTime / smallTime;
    expect(ratio, `100 KB: ${smallTime.toFixed(1)} ms, 1 MB: ${largeTime.toFixed(1)} ms`).toBeLessThan(35);
  });
});
