/** How a column's cells line up. */
export type ColumnAlignment = "left" | "right";

/** A title over several columns, from column `start`, `span` columns wide. */
export interface ColumnGroup {
  readonly title: string;
  readonly start: number;
  readonly span: number;
}

const gap = "  ";

/**
 * Renders rows as text columns two spaces apart, each aligned as given
 * (left by default), with no trailing blanks. `groups` adds a first line of
 * titles over runs of columns; a long title widens its last column.
 */
export function formatTable(rows: readonly (readonly string[])[], alignments: readonly ColumnAlignment[] = [], groups: readonly ColumnGroup[] = []): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...rows.map((row) => [...(row[column] ?? "")].length)));
  for (const group of groups) {
    const spanned = widths.slice(group.start, group.start + group.span).reduce((total, width) => total + width, 0) + gap.length * (group.span - 1);
    const last = group.start + group.span - 1;
    if (last < widths.length && [...group.title].length > spanned) widths[last] = (widths[last] as number) + [...group.title].length - spanned;
  }
  const pad = (text: string, column: number): string => {
    const fill = " ".repeat(Math.max(0, (widths[column] as number) - [...text].length));
    return alignments[column] === "right" ? fill + text : text + fill;
  };
  const lines = rows.map((row) => Array.from({ length: columns }, (_, column) => pad(row[column] ?? "", column)).join(gap).trimEnd());
  if (groups.length === 0) return lines;
  let titleLine = "";
  for (const group of groups) {
    const offset = widths.slice(0, group.start).reduce((total, width) => total + width + gap.length, 0);
    titleLine = titleLine.padEnd(offset) + group.title;
  }
  return [titleLine.trimEnd(), ...lines];
}
