import { CassetteFileError, CassetteMissError } from "../errors/index.js";
import { readCassetteFile, writeCassetteLine } from "./cassette-file.js";
import type { CassetteMode } from "./cassette-settings.js";
import { closestDifference, describeRequest } from "./describe-request.js";
import type { RecordedExchange } from "./recorded-exchange.js";
import { requestKey, type SentRequest } from "./sent-request.js";

/**
 * One cassette file in use, shared by every client of the process that
 * points at it. Recorded answers are handed out in order per request key:
 * the n-th time a request is sent it gets the n-th answer recorded for it,
 * so a re-ask sequence (or the same question asked twice) replays as it was
 * recorded. `record` starts the file anew at its first exchange; `auto`
 * appends what it records.
 */
export class Cassette {
  private readonly unused = new Map<string, RecordedExchange[]>();
  private readonly sentTimes = new Map<string, number>();
  private readonly recordedTimes = new Map<string, number>();
  private readonly known: RecordedExchange[] = [];
  private readonly exists: boolean;
  private replaceOnWrite: boolean;
  private newLineFirst: boolean;
  private failure: CassetteFileError | undefined;

  /** Reads the file unless `mode` is `record` (fails with `CassetteFileError` on a corrupt line). */
  constructor(
    readonly path: string,
    readonly mode: CassetteMode,
  ) {
    const contents = mode === "record" ? undefined : readCassetteFile(path);
    this.exists = contents !== undefined;
    this.replaceOnWrite = mode === "record";
    this.newLineFirst = contents?.endsMidLine ?? false;
    for (const exchange of contents?.exchanges ?? []) {
      const key = requestKey(exchange.request);
      const queue = this.unused.get(key);
      if (queue) queue.push(exchange);
      else this.unused.set(key, [exchange]);
      this.recordedTimes.set(key, (this.recordedTimes.get(key) ?? 0) + 1);
      this.known.push(exchange);
    }
  }

  /**
   * The next recorded answer to a request, or undefined when there is none
   * left. Counts the request either way. Fails with the error of an earlier
   * write that failed (a stream's recording has no call left to fail).
   */
  next(request: SentRequest): RecordedExchange | undefined {
    if (this.failure) throw this.failure;
    this.sentTimes.set(request.key, (this.sentTimes.get(request.key) ?? 0) + 1);
    return this.unused.get(request.key)?.shift();
  }

  /** The error for a request with no recorded answer left, naming the call and how to record it. */
  missError(request: SentRequest): CassetteMissError {
    const recordedTimes = this.recordedTimes.get(request.key) ?? 0;
    return new CassetteMissError({
      cassettePath: this.path,
      ...describeRequest(request.recorded),
      occurrence: this.sentTimes.get(request.key) ?? 1,
      recordedTimes,
      closestDifference: recordedTimes > 0 ? undefined : closestDifference(request.recorded, this.known.map((exchange) => exchange.request)),
      cassetteExists: this.exists,
    });
  }

  /** Writes an exchange at the end of the file (`record`: the file starts anew at the first one). */
  add(exchange: RecordedExchange): void {
    if (this.failure) throw this.failure;
    try {
      writeCassetteLine(this.path, exchange, { replace: this.replaceOnWrite, newLineFirst: this.newLineFirst });
    } catch (error) {
      if (CassetteFileError.isInstance(error)) this.failure = error;
      throw error;
    }
    this.replaceOnWrite = false;
    this.newLineFirst = false;
    this.known.push(exchange);
  }

  /** Fails with the error of a write that failed where nothing could report it. */
  close(): void {
    if (this.failure) throw this.failure;
  }
}
