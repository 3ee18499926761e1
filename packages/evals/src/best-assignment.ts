/** One pair of a {@link bestAssignment}: row `row` goes with column `column`. */
export interface AssignedPair {
  readonly row: number;
  readonly column: number;
}

/** Above this many rows or columns, pairs are chosen greedily (the optimal method takes cubic time). */
export const optimalAssignmentLimit = 256;

/**
 * Pairs rows with columns so that the summed weight of the pairs is as large
 * as possible (the assignment problem, solved exactly by the Hungarian
 * method). Only pairs of positive weight are returned: a row whose best
 * partner weighs 0 stays unpaired. Among equally good pairings, the one that
 * keeps elements closest to their own positions wins, so an answer in the
 * label's order is paired in that order. Above {@link optimalAssignmentLimit}
 * rows or columns, the heaviest pairs are taken greedily instead.
 */
export function bestAssignment(weights: readonly (readonly number[])[]): AssignedPair[] {
  const rows = weights.length;
  const columns = rows === 0 ? 0 : Math.max(...weights.map((row) => row.length));
  if (rows === 0 || columns === 0) return [];
  const size = Math.max(rows, columns);
  // Each unit of weight outweighs any sum of displacements, which only break ties.
  const scale = size * size + 1;
  const weightOf = (row: number, column: number): number => {
    const weight = weights[row]?.[column] ?? 0;
    return weight > 0 ? weight * scale - Math.abs(row - column) : 0;
  };
  const pairs = size > optimalAssignmentLimit ? greedyAssignment(rows, columns, weightOf) : hungarianAssignment(size, weightOf);
  return pairs.filter(({ row, column }) => row < rows && column < columns && (weights[row]?.[column] ?? 0) > 0);
}

/** The Hungarian method (shortest augmenting paths with potentials) on a square matrix, maximizing. */
function hungarianAssignment(size: number, weightOf: (row: number, column: number) => number): AssignedPair[] {
  let heaviest = 0;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) heaviest = Math.max(heaviest, weightOf(row, column));
  }
  // Rows and columns are 1-based below; index 0 is the free start of each augmenting path.
  const cost = (row: number, column: number): number => heaviest - weightOf(row - 1, column - 1);
  const rowPotential = new Array<number>(size + 1).fill(0);
  const columnPotential = new Array<number>(size + 1).fill(0);
  const rowOfColumn = new Array<number>(size + 1).fill(0);
  const previousColumn = new Array<number>(size + 1).fill(0);
  for (let row = 1; row <= size; row += 1) {
    rowOfColumn[0] = row;
    let column = 0;
    const slack = new Array<number>(size + 1).fill(Number.POSITIVE_INFINITY);
    const visited = new Array<boolean>(size + 1).fill(false);
    do {
      visited[column] = true;
      const currentRow = rowOfColumn[column] as number;
      let delta = Number.POSITIVE_INFINITY;
      let nextColumn = 0;
      for (let candidate = 1; candidate <= size; candidate += 1) {
        if (visited[candidate]) continue;
        const reduced = cost(currentRow, candidate) - (rowPotential[currentRow] as number) - (columnPotential[candidate] as number);
        if (reduced < (slack[candidate] as number)) {
          slack[candidate] = reduced;
          previousColumn[candidate] = column;
        }
        if ((slack[candidate] as number) < delta) {
          delta = slack[candidate] as number;
          nextColumn = candidate;
        }
      }
      for (let candidate = 0; candidate <= size; candidate += 1) {
        if (visited[candidate]) {
          const assigned = rowOfColumn[candidate] as number;
          rowPotential[assigned] = (rowPotential[assigned] as number) + delta;
          columnPotential[candidate] = (columnPotential[candidate] as number) - delta;
        } else {
          slack[candidate] = (slack[candidate] as number) - delta;
        }
      }
      column = nextColumn;
    } while (rowOfColumn[column] !== 0);
    do {
      const before = previousColumn[column] as number;
      rowOfColumn[column] = rowOfColumn[before] as number;
      column = before;
    } while (column !== 0);
  }
  const pairs: AssignedPair[] = [];
  for (let column = 1; column <= size; column += 1) pairs.push({ row: (rowOfColumn[column] as number) - 1, column: column - 1 });
  return pairs.sort((left, right) => left.row - right.row);
}

/** The heaviest pair first, then the heaviest among the rows and columns left, and so on. */
function greedyAssignment(rows: number, columns: number, weightOf: (row: number, column: number) => number): AssignedPair[] {
  const candidates: Array<AssignedPair & { weight: number }> = [];
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const weight = weightOf(row, column);
      if (weight > 0) candidates.push({ row, column, weight });
    }
  }
  candidates.sort((left, right) => right.weight - left.weight);
  const usedRows = new Set<number>();
  const usedColumns = new Set<number>();
  const pairs: AssignedPair[] = [];
  for (const { row, column } of candidates) {
    if (usedRows.has(row) || usedColumns.has(column)) continue;
    usedRows.add(row);
    usedColumns.add(column);
    pairs.push({ row, column });
  }
  return pairs.sort((left, right) => left.row - right.row);
}
