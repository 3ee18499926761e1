import { describe, expect, it } from "vitest";
import { bestAssignment, optimalAssignmentLimit } from "./best-assignment.js";

/** Every way of pairing rows with distinct columns, for checking small cases against brute force. */
function bruteForceBest(weights: number[][]): number {
  const columns = weights[0]?.length ?? 0;
  const search = (row: number, used: Set<number>): number => {
    if (row === weights.length) return 0;
    let best = search(row + 1, used);
    for (let column = 0; column < columns; column += 1) {
      if (used.has(column) || (weights[row]?.[column] ?? 0) <= 0) continue;
      used.add(column);
      best = Math.max(best, (weights[row]?.[column] ?? 0) + search(row + 1, used));
      used.delete(column);
    }
    return best;
  };
  return search(0, new Set());
}

function total(weights: number[][], pairs: ReturnType<typeof bestAssignment>): number {
  return pairs.reduce((sum, { row, column }) => sum + (weights[row]?.[column] ?? 0), 0);
}

describe("bestAssignment", () => {
  it("finds the heaviest pairing where taking the heaviest pair first would not", () => {
    const weights = [
      [3, 2],
      [2, 0],
    ];
    // Greedy takes (0,0)=3 and leaves row 1 with nothing; the best is (0,1)+(1,0) = 4.
    expect(bestAssignment(weights)).toEqual([
      { row: 0, column: 1 },
      { row: 1, column: 0 },
    ]);
  });

  it("equals brute force on random rectangular matrices", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 200; trial += 1) {
      const rows = 1 + Math.floor(random() * 5);
      const columns = 1 + Math.floor(random() * 5);
      const weights = Array.from({ length: rows }, () => Array.from({ length: columns }, () => Math.floor(random() * 4)));
      const pairs = bestAssignment(weights);
      expect(total(weights, pairs)).toBe(bruteForceBest(weights));
      expect(new Set(pairs.map((pair) => pair.row)).size).toBe(pairs.length);
      expect(new Set(pairs.map((pair) => pair.column)).size).toBe(pairs.length);
      expect(pairs.every(({ row, column }) => (weights[row]?.[column] ?? 0) > 0)).toBe(true);
    }
  });

  it("keeps elements in place among equally good pairings, and leaves weightless rows unpaired", () => {
    expect(bestAssignment([[1, 1], [1, 1]])).toEqual([
      { row: 0, column: 0 },
      { row: 1, column: 1 },
    ]);
    expect(bestAssignment([[0, 0], [0, 5]])).toEqual([{ row: 1, column: 1 }]);
    expect(bestAssignment([])).toEqual([]);
    expect(bestAssignment([[], []])).toEqual([]);
  });

  it("pairs large arrays greedily in reasonable time", () => {
    const size = optimalAssignmentLimit + 44;
    const weights = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => (row === size - 1 - column ? 1 : 0)));
    const startedAt = performance.now();
    const pairs = bestAssignment(weights);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(pairs).toHaveLength(size);
    expect(pairs.every(({ row, column }) => row === size - 1 - column)).toBe(true);
  });
});
