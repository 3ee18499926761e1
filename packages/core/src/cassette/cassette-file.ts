import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CassetteFileError } from "../errors/index.js";
import { formatExchangeLine, parseExchangeLine } from "./exchange-line.js";
import type { RecordedExchange } from "./recorded-exchange.js";

/** A cassette file as read: its exchanges in order, and whether its last line lacks a newline. */
export interface CassetteFileContents {
  readonly exchanges: readonly RecordedExchange[];
  readonly endsMidLine: boolean;
}

function fileProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${code} (${message})` : message;
}

/**
 * Reads a cassette: one exchange per line, blank lines skipped. Undefined when
 * the file does not exist; a corrupt line fails with `CassetteFileError`
 * naming its number.
 */
export function readCassetteFile(path: string): CassetteFileContents | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ENOENT") return undefined;
    throw new CassetteFileError({ cassettePath: path, line: undefined, problem: `it cannot be read: ${fileProblem(error)}` });
  }
  const exchanges: RecordedExchange[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    const parsed = parseExchangeLine(line);
    if ("problem" in parsed) throw new CassetteFileError({ cassettePath: path, line: index + 1, problem: parsed.problem });
    exchanges.push(parsed);
  }
  return { exchanges, endsMidLine: text.length > 0 && !text.endsWith("\n") };
}

/**
 * Writes one exchange as a line: appended, or as the whole file when
 * `replace` (the first exchange of a recording). Creates the folder.
 */
export function writeCassetteLine(path: string, exchange: RecordedExchange, options: { readonly replace: boolean; readonly newLineFirst: boolean }): void {
  const line = `${options.newLineFirst ? "\n" : ""}${formatExchangeLine(exchange)}\n`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (options.replace) writeFileSync(path, line);
    else appendFileSync(path, line);
  } catch (error) {
    throw new CassetteFileError({ cassettePath: path, line: undefined, problem: `it cannot be written: ${fileProblem(error)}` });
  }
}
