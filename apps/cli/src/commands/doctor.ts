import { ensureModel, listModels, Mode, structuredChat } from "@cortex-ml/core";
import { parseArgs } from "node:util";
import * as v from "valibot";
import type { CliIO } from "../cli-io.js";
import { connect, connectionFlags, connectionHelp } from "../connection-options.js";
import { ExitCode } from "../exit-codes.js";
import { exitCodeFor } from "../report-error.js";

/** Help text of `cortex-ml doctor`. */
export const doctorHelp = `Usage: cortex-ml doctor [options]

Checks the endpoint, the model, and whether JSON and JSON-schema modes work,
and says what to do for each failure.

Options:
${connectionHelp}
  --json               the checks as JSON on stdout
  -h, --help           show this help
`;

/** The result of one check. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What to do when it failed. */
  readonly fix?: string;
}

const Probe = v.object({ answer: v.picklist(["yes", "no"]), count: v.number() });

function fixFor(error: unknown): string | undefined {
  const name = error instanceof Error ? error.name : "";
  if (name === "ConnectionError") return "start the server: `ollama serve` (or set --base-url / OLLAMA_BASE_URL)";
  if (name === "ModelNotFoundError") return undefined;
  if (name === "RetriesExhaustedError") return "the model did not produce valid JSON: try another mode (--mode) or a larger model";
  return undefined;
}

/** `cortex-ml doctor`: one line per check, with the fix for each failure. */
export async function doctorCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...connectionFlags, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(doctorHelp);
    return ExitCode.ok;
  }
  const { client, model } = await connect(values, io.environment);
  const checks: DoctorCheck[] = [];
  let exitCode: number = ExitCode.ok;
  const fail = (name: string, error: unknown, fix?: string) => {
    const message = error instanceof Error ? error.message : String(error);
    const suggestion = fix ?? fixFor(error);
    checks.push({ name, ok: false, detail: message, ...(suggestion ? { fix: suggestion } : {}) });
    if (exitCode === ExitCode.ok) exitCode = exitCodeFor(error);
  };
  try {
    const models = await listModels(client);
    checks.push({ name: "endpoint", ok: true, detail: `${client.baseURL} answers (${models.length} model${models.length === 1 ? "" : "s"})` });
    try {
      await ensureModel(client, model);
      checks.push({ name: "model", ok: true, detail: `"${model}" is available` });
    } catch (error) {
      fail("model", error, client.provider?.modelNotFoundHint?.(model));
    }
  } catch (error) {
    fail("endpoint", error);
  }
  if (checks.every((check) => check.ok)) {
    for (const mode of [Mode.JSON, Mode.JSON_SCHEMA]) {
      if (client.provider && !client.provider.supportedModes.includes(mode)) {
        checks.push({ name: `${mode} mode`, ok: true, detail: `not offered by ${client.provider.name}; skipped` });
        continue;
      }
      const started = Date.now();
      try {
        await structuredChat(client, {
          model,
          mode,
          responseModel: Probe,
          maxRetries: 1,
          messages: [{ role: "user", content: 'Reply with answer "yes" and count 3.' }],
        });
        checks.push({ name: `${mode} mode`, ok: true, detail: `valid structured answer in ${Date.now() - started} ms` });
      } catch (error) {
        fail(`${mode} mode`, error);
      }
    }
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ ok: exitCode === ExitCode.ok, checks }, null, 2)}\n`);
  } else {
    for (const check of checks) {
      io.stdout.write(`${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail.split("\n").join(" ")}\n`);
      if (check.fix) io.stdout.write(`     fix: ${check.fix}\n`);
    }
  }
  return exitCode;
}
