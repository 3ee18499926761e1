import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completion, type RecordedRequest, type ScriptedReply, startTestServer, statusReply, type TestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { binary, runCli, runCliInTerminal } from "./run-cli.js";

const personSchema = join(import.meta.dirname, "fixtures", "person.json");

interface OutputLine {
  line: number;
  id?: unknown;
  ok: boolean;
  data?: unknown;
  error?: { name: string; message: string };
}

let directory: string;
const servers: TestServer[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "cortex-batch-"));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function serve(fallback: (request: RecordedRequest) => ScriptedReply): Promise<TestServer> {
  const server = await startTestServer({ fallback, probes: "honour" });
  servers.push(server);
  return server;
}

/** The text a request was sent for: its first user message (re-asks add more after it). */
function recordText(request: RecordedRequest): string {
  const messages = (request.body as { messages: Array<{ role: string; content: string }> }).messages;
  return messages.find((message) => message.role === "user")?.content ?? "";
}

/** What a well-behaved model answers for "Ann is 30". */
function personAnswer(text: string): string {
  const match = /^(\w+) is (\d+)/.exec(text);
  return JSON.stringify({ name: match?.[1] ?? "?", age: Number(match?.[2] ?? 0) });
}

function writeInput(lines: string[]): string {
  const path = join(directory, "input.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Every output line parsed, checking the file holds only complete JSON lines. */
function readOutput(path: string): OutputLine[] {
  const text = readFileSync(path, "utf8");
  if (text === "") return [];
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as OutputLine);
}

/** The records by line number, the last one for a line winning. */
function lastWins(records: OutputLine[]): Map<number, OutputLine> {
  return new Map(records.map((record) => [record.line, record]));
}

/** The largest number of requests that arrived within any window of `windowMs`. */
function mostArrivalsWithin(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((left, right) => left - right);
  let most = 0;
  sorted.forEach((start, index) => {
    most = Math.max(most, sorted.slice(index).filter((time) => time - start < windowMs).length);
  });
  return most;
}

function environment(server: TestServer): Record<string, string> {
  return { OLLAMA_BASE_URL: server.baseURL, CORTEX_API_KEY: "" };
}

const summaryPattern = /done: (\d+) ok, (\d+) failed, (\d+) skipped \(already in output\) in \d+\.\d s\n/;

describe("cortex-ml batch", () => {
  it("writes one validated record per input line, several calls in flight at once", async () => {
    const arrivals: number[] = [];
    const attempts = new Map<string, number>();
    const server = await serve((request) => {
      arrivals.push(Date.now());
      const text = recordText(request);
      const attempt = (attempts.get(text) ?? 0) + 1;
      attempts.set(text, attempt);
      // Cy's first answer has the age as a word (a number string would be repaired): the validation re-asks.
      if (text === "Cy is 51" && attempt === 1) return completion('{"name":"Cy","age":"fifty-one"}', { delayMs: 300 });
      return completion(personAnswer(text), { delayMs: 300 });
    });
    const input = writeInput([
      '{"id":"a","text":"Ann is 30"}',
      '"Bo is 4"',
      "",
      '{"id":7,"text":"Cy is 51"}',
      ...["Di is 5", "Ed is 6", "Flo is 7", "Gus is 8", "Hal is 9"].map((text) => JSON.stringify({ text })),
    ]);
    const output = join(directory, "output.jsonl");
    const run = await runCli(["batch", input, "-o", output, "--schema", personSchema], environment(server));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    // Not a terminal: no bar, only the summary.
    expect(run.stderr).not.toContain("rec/s");
    expect(run.stderr).not.toContain("\r");
    expect(run.stderr).toMatch(new RegExp(`^${summaryPattern.source}$`));
    expect(summaryPattern.exec(run.stderr)?.slice(1, 4)).toEqual(["8", "0", "0"]);

    const records = readOutput(output);
    expect(records.map((record) => record.line).sort((left, right) => left - right)).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
    const byLine = lastWins(records);
    expect(byLine.get(1)).toEqual({ line: 1, id: "a", ok: true, data: { name: "Ann", age: 30 } });
    expect(byLine.get(2)).toEqual({ line: 2, ok: true, data: { name: "Bo", age: 4 } });
    expect(byLine.get(4)).toEqual({ line: 4, id: 7, ok: true, data: { name: "Cy", age: 51 } });
    expect(byLine.get(9)).toEqual({ line: 9, ok: true, data: { name: "Hal", age: 9 } });

    // 8 records + 1 re-ask; each request is the system prompt and the record's text.
    expect(server.requests).toHaveLength(9);
    const first = server.requests.find((request) => recordText(request) === "Ann is 30")?.body as { messages: Array<{ role: string; content: string }> };
    expect(first.messages).toEqual([
      { role: "system", content: expect.stringContaining("Extract the requested data from the text.") },
      { role: "user", content: "Ann is 30" },
    ]);
    // The default pool of 4: four requests arrive together, never more, and the whole batch
    // takes about 3 reply delays instead of 9 one after the other.
    expect(mostArrivalsWithin(arrivals, 250)).toBe(4);
    const spread = Math.max(...arrivals) - Math.min(...arrivals);
    expect(spread).toBeLessThan(1500);
  });

  it("--concurrency bounds the calls in flight", async () => {
    const arrivals: number[] = [];
    const server = await serve((request) => {
      arrivals.push(Date.now());
      return completion(personAnswer(recordText(request)), { delayMs: 300 });
    });
    const input = writeInput(["Ann is 1", "Bo is 2", "Cy is 3", "Di is 4", "Ed is 5", "Flo is 6"].map((text) => JSON.stringify(text)));
    const output = join(directory, "output.jsonl");
    const run = await runCli(["batch", input, "-o", output, "--schema", personSchema, "--concurrency", "2"], environment(server));
    expect(run.code).toBe(0);
    expect(readOutput(output)).toHaveLength(6);
    expect(mostArrivalsWithin(arrivals, 250)).toBe(2);
    // Three rounds of two: the last request comes at least two delays after the first.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(550);
  });

  it("writes failed calls as records with the error name and goes on; exit 1", async () => {
    const apiKey = "sk-batch-secret-0123456789abcdef";
    const server = await serve((request) => {
      const text = recordText(request);
      if (text.startsWith("bad")) return completion("this is not JSON at all");
      if (text === "refused") return statusReply(400, { error: { message: "the request was refused" } });
      return completion(personAnswer(text));
    });
    const input = writeInput([
      '{"id":"b1","text":"bad one"}',
      '{"id":"b2","text":"bad two"}',
      '{"id":"ok","text":"Ann is 30"}',
      '{"id":"b3","text":"bad three"}',
      '{"id":"r","text":"refused"}',
    ]);
    const output = join(directory, "output.jsonl");
    const run = await runCli(["batch", input, "-o", output, "--schema", personSchema, "--max-retries", "0", "--api-key", apiKey], environment(server));
    expect(run.code).toBe(1);
    expect(summaryPattern.exec(run.stderr)?.slice(1, 4)).toEqual(["1", "4", "0"]);
    const byLine = lastWins(readOutput(output));
    expect(byLine.size).toBe(5);
    for (const line of [1, 2, 4]) {
      const record = byLine.get(line);
      expect(record?.ok).toBe(false);
      expect(record?.error?.name).toBe("RetriesExhaustedError");
      expect(record?.error?.message).toContain("1 attempt(s)");
    }
    expect(byLine.get(1)?.id).toBe("b1");
    expect(byLine.get(3)).toEqual({ line: 3, id: "ok", ok: true, data: { name: "Ann", age: 30 } });
    expect(byLine.get(5)).toMatchObject({ line: 5, id: "r", ok: false, error: { name: "ApiError", message: expect.stringContaining("400") } });
    // --max-retries 0: one request per record.
    expect(server.requests).toHaveLength(5);
    // The key was sent, and printed nowhere.
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(`${run.stdout}${run.stderr}${readFileSync(output, "utf8")}`).not.toContain(apiKey);
  });

  it("writes lines that are not records as InvalidRecordError records; --text-field picks the field", async () => {
    const server = await serve((request) => completion(personAnswer(recordText(request))));
    const input = writeInput([
      '{"id":"a","note":"Ann is 30"}',
      '{"id":"b","text":"the wrong field"}',
      "{broken json",
      "",
      '"Bo is 4"',
      "42",
      '{"note":17}',
      "   ",
    ]);
    const output = join(directory, "output.jsonl");
    const run = await runCli(["batch", input, "-o", output, "--schema", personSchema, "--text-field", "note"], environment(server));
    expect(run.code).toBe(1);
    expect(summaryPattern.exec(run.stderr)?.slice(1, 4)).toEqual(["2", "4", "0"]);
    const byLine = lastWins(readOutput(output));
    expect([...byLine.keys()].sort((left, right) => left - right)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(byLine.get(1)).toEqual({ line: 1, id: "a", ok: true, data: { name: "Ann", age: 30 } });
    expect(byLine.get(5)).toEqual({ line: 5, ok: true, data: { name: "Bo", age: 4 } });
    expect(byLine.get(2)).toMatchObject({ line: 2, id: "b", ok: false, error: { name: "InvalidRecordError", message: expect.stringContaining('no "note" field') } });
    expect(byLine.get(3)).toMatchObject({ ok: false, error: { name: "InvalidRecordError", message: expect.stringContaining("not valid JSON") } });
    expect(byLine.get(3)).not.toHaveProperty("id");
    expect(byLine.get(6)?.error?.name).toBe("InvalidRecordError");
    expect(byLine.get(7)?.error?.message).toContain("not a string");
    // Only the two real records were sent.
    expect(server.requests.map(recordText).sort()).toEqual(["Ann is 30", "Bo is 4"]);
  });

  it("resumes: skips the ok lines, reruns the failed ones, cuts off an unfinished last line", async () => {
    let failing = true;
    const server = await serve((request) => {
      const text = recordText(request);
      if (failing && (text === "Bo is 2" || text === "Ed is 5")) return completion("not json");
      return completion(personAnswer(text));
    });
    const texts = ["Ann is 1", "Bo is 2", "Cy is 3", "Di is 4", "Ed is 5", "Flo is 6"];
    const input = writeInput(texts.map((text, index) => JSON.stringify({ id: index, text })));
    const output = join(directory, "output.jsonl");
    const command = ["batch", input, "-o", output, "--schema", personSchema, "--max-retries", "0"];

    const first = await runCli(command, environment(server));
    expect(first.code).toBe(1);
    expect(summaryPattern.exec(first.stderr)?.slice(1, 4)).toEqual(["4", "2", "0"]);
    expect(server.requests).toHaveLength(6);
    // Someone killed mid-write leaves half a line behind.
    appendFileSync(output, '{"line":3,"id":2,"ok":tr');

    failing = false;
    const second = await runCli(command, environment(server));
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("cut off an unfinished last line");
    expect(second.stderr).toContain("skipping 4 records already done");
    expect(summaryPattern.exec(second.stderr)?.slice(1, 4)).toEqual(["2", "0", "4"]);
    // Only the two failed records were sent again.
    expect(server.requests.slice(6).map(recordText).sort()).toEqual(["Bo is 2", "Ed is 5"]);

    const records = readOutput(output);
    // 4 ok + 2 failed from the first run, the 2 reruns appended; the half line is gone.
    expect(records).toHaveLength(8);
    expect(records.filter((record) => record.line === 2).map((record) => record.ok)).toEqual([false, true]);
    const byLine = lastWins(records);
    expect([...byLine.keys()].sort((left, right) => left - right)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...byLine.values()].every((record) => record.ok)).toBe(true);
    expect(byLine.get(5)).toEqual({ line: 5, id: 4, ok: true, data: { name: "Ed", age: 5 } });

    // A third run has nothing left to do.
    const third = await runCli(command, environment(server));
    expect(third.code).toBe(0);
    expect(summaryPattern.exec(third.stderr)?.slice(1, 4)).toEqual(["0", "0", "6"]);
    expect(server.requests).toHaveLength(8);
    expect(readOutput(output)).toHaveLength(8);
  });

  it("Ctrl-C cancels the calls in flight, writes only complete records, exits 130; the rerun finishes", async () => {
    let answered = 0;
    let slow = true;
    const server = await serve((request) => {
      answered += 1;
      // The first two answers come quickly; then the calls hang, so Ctrl-C finds them in flight.
      const delayMs = !slow ? 0 : answered <= 2 ? 300 : 30_000;
      return completion(personAnswer(recordText(request)), { delayMs });
    });
    const texts = Array.from({ length: 10 }, (_, index) => `P${index} is ${index}`);
    const input = writeInput(texts.map((text, index) => JSON.stringify({ id: `r${index}`, text })));
    const output = join(directory, "output.jsonl");
    const command = ["batch", input, "-o", output, "--schema", personSchema, "--concurrency", "2"];

    const child = spawn(process.execPath, [binary, ...command], { env: { ...process.env, ...environment(server) }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 10_000;
      while (!(existsSync(output) && readFileSync(output, "utf8").includes("\n")) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(readFileSync(output, "utf8")).toContain("\n");
      // Wait until the next two (hanging) calls have reached the server.
      while (server.requests.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(server.requests.length).toBe(4);
      const interruptedAt = Date.now();
      child.kill("SIGINT");
      const code = await Promise.race([exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 8_000))]);
      expect(code).toBe(130);
      // The 30 s calls were cancelled, not waited for.
      expect(Date.now() - interruptedAt).toBeLessThan(5_000);
    } finally {
      child.kill("SIGKILL");
    }
    expect(stderr).toContain("interrupted: 2 records done, rerun the same command to resume");
    const afterInterrupt = readOutput(output);
    expect(afterInterrupt).toHaveLength(2);
    expect(new Set(afterInterrupt.map((record) => record.line)).size).toBe(afterInterrupt.length);
    expect(afterInterrupt.every((record) => record.ok)).toBe(true);
    expect(JSON.stringify(afterInterrupt)).not.toContain("RequestAbortedError");

    slow = false;
    const rerun = await runCli(command, environment(server));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain("skipping 2 records already done");
    expect(summaryPattern.exec(rerun.stderr)?.slice(1, 4)).toEqual(["8", "0", "2"]);
    const records = readOutput(output);
    expect(records).toHaveLength(10);
    const byLine = lastWins(records);
    expect([...byLine.keys()].sort((left, right) => left - right)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...byLine.values()].every((record) => record.ok)).toBe(true);
    expect(byLine.get(10)).toEqual({ line: 10, id: "r9", ok: true, data: { name: "P9", age: 9 } });
  });

  it("draws a progress bar on a terminal, then the summary", async () => {
    const server = await serve((request) => completion(personAnswer(recordText(request)), { delayMs: 100 }));
    const input = writeInput(["Ann is 1", "Bo is 2", "Cy is 3", "Di is 4"].map((text) => JSON.stringify(text)));
    const output = join(directory, "output.jsonl");
    const run = await runCliInTerminal(["batch", input, "-o", output, "--schema", personSchema, "--concurrency", "1"], environment(server));
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/\r\[#*-*\] [0-4]\/4 \d+%  \d+\.\d rec\/s  ETA (\d+s|\?)/);
    expect(run.output).toContain("\r[##########----------] 2/4 50%");
    // The bar is erased before the summary.
    expect(run.output).toMatch(/\r\u001b\[Kdone: 4 ok, 0 failed, 0 skipped/);
    expect(readOutput(output)).toHaveLength(4);
  });

  it("rejects bad command lines with exit 2", async () => {
    const input = writeInput(['"Ann is 1"']);
    const output = join(directory, "output.jsonl");
    const concurrencies = ["0", "65", "2.5", "many"];
    const [noInput, noOutput, noSchema, missing, same, help, ...badConcurrency] = await Promise.all([
      runCli(["batch", "-o", output, "--schema", personSchema]),
      runCli(["batch", input, "--schema", personSchema]),
      runCli(["batch", input, "-o", output]),
      runCli(["batch", join(directory, "nope.jsonl"), "-o", output, "--schema", personSchema]),
      runCli(["batch", input, "-o", input, "--schema", personSchema]),
      runCli(["batch", "--help"]),
      ...concurrencies.map((concurrency) => runCli(["batch", input, "-o", output, "--schema", personSchema, "--concurrency", concurrency])),
    ]);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain("give the input JSONL file");
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain("--output (-o) is required");
    expect(noSchema.code).toBe(2);
    expect(noSchema.stderr).toContain("--schema is required");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("the input");
    expect(missing.stderr).toContain("nope.jsonl: the file does not exist");
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("must not be the input file");
    badConcurrency.forEach((run, index) => {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--concurrency expects a whole number from 1 to 64, got "${concurrencies[index]}"`);
    });
    // No run got as far as creating the output.
    expect(existsSync(output)).toBe(false);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("the LAST record for it wins");
    expect(help.stdout).toContain("--concurrency N");
    // Ten CLI processes at once: on a loaded two-core machine they can take longer than the default 20 s.
  }, 60_000);
});
