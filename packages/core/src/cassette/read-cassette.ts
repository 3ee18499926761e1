import { readCassetteFile } from "./cassette-file.js";
import type { RecordedExchange } from "./recorded-exchange.js";

/**
 * The exchanges of a cassette file, in order (empty when it does not exist),
 * for tests that check what was recorded. Fails with `CassetteFileError` on a
 * corrupt line.
 */
export function readCassette(path: string): readonly RecordedExchange[] {
  return readCassetteFile(path)?.exchanges ?? [];
}
