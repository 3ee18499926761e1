import { ensureModel, listModels, Mode, structuredChat } from "@cortex-ml/core";
import { parseArgs } from "node:util";
import * as v from "valibot";
import type { CliIO } from "../cli-io.js";
import { connect, connectionFlags, connectionHelp } from "../connection-options.js";
import { ExitCode } from "../exit-codes.js";
import { messageInCliWords } from "../cli-wording.js";
import { fixForFailure } from "../doctor/failure-fix.js";
import { preloadModel } from "../preload-model.js";
import { exitCodeFor } from "../report-error.js";

/** Help text of `cortex-ml doctor`. */
export const doctorHelp = `Usage: cortex-ml doctor [options]

Checks the endpoint, the model, and whether the JSON, JSON-schema and in-use
modes work, and says what went wrong and what to do for each failure. A mode
that fails but is not the one the calls use (--mode, else the provider's
default) is a warning: the exit code stays 0.

Options:
${connectionHelp}
  --json               the checks as JSON on stdout
  -h, --help           show this help
`;

/** The result of one check. */
export interface DoctorCheck {
  readonly name: string;
  /** `warn`: a failure that does not matter for the calls as configured (a mode they do not use). */
  readonly status: "ok" | "warn" | "fail";
  /** True for `ok`. */
  readonly ok: boolean;
  readonly detail: string;
  /** What went wrong and what to do, for every warning and failure. */
  readonly fix?: string;
}

const Probe = v.object({ answer: v.picklist(["yes", "no"]), count: v.number() });

const statusLabels = { ok: "ok  ", warn: "warn", fail: "FAIL" } as const;

/** The modes to try: JSON and JSON-schema where offered, and the mode the calls use (`--mode`, else the provider's default). */
function modesToCheck(usedMode: Mode): Mode[] {
  return [...new Set([Mode.JSON, Mode.JSON_SCHEMA, usedMode])];
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
  const connection = await connect(values, io.environment);
  const { client, model } = connection;
  const provider = client.provider;
  // Mode "auto" (the local servers' default) starts from JSON_SCHEMA: that is the mode its calls use when the server honours it.
  const defaultMode = provider?.defaultMode === Mode.AUTO ? Mode.JSON_SCHEMA : provider?.defaultMode;
  const usedMode = (values.mode as Mode | undefined) ?? defaultMode ?? Mode.JSON_SCHEMA;
  const checks: DoctorCheck[] = [];
  let exitCode: number = ExitCode.ok;
  const pass = (name: string, detail: string) => checks.push({ name, status: "ok", ok: true, detail });
  const fail = (name: string, error: unknown, options: { mode?: Mode; warning?: boolean } = {}) => {
    const fix = fixForFailure(error, { provider, baseURL: client.baseURL, model, ...(options.mode ? { mode: options.mode } : {}) });
    const status = options.warning ? "warn" : "fail";
    checks.push({ name, status, ok: false, detail: messageInCliWords(error), fix: options.warning ? `only for --mode ${options.mode}: ${fix}` : fix });
    if (status === "fail" && exitCode === ExitCode.ok) exitCode = exitCodeFor(error);
  };
  try {
    const models = await listModels(client);
    pass("endpoint", `${client.baseURL} answers (${models.length} model${models.length === 1 ? "" : "s"})`);
    try {
      await ensureModel(client, model);
      pass("model", `"${model}" is available`);
    } catch (error) {
      fail("model", error);
    }
  } catch (error) {
    fail("endpoint", error);
  }
  if (checks.every((check) => check.ok)) {
    await preloadModel(connection, io.stderr);
    for (const mode of modesToCheck(usedMode)) {
      const used = mode === usedMode ? (values.mode === undefined ? " (the default mode)" : " (--mode)") : "";
      if (provider && !provider.supportedModes.includes(mode)) {
        pass(`${mode} mode`, `not offered by ${provider.name}; skipped`);
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
        pass(`${mode} mode`, `valid structured answer in ${Date.now() - started} ms${used}`);
      } catch (error) {
        fail(`${mode} mode`, error, { mode, warning: mode !== usedMode });
      }
    }
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ ok: exitCode === ExitCode.ok, checks }, null, 2)}\n`);
  } else {
    for (const check of checks) {
      io.stdout.write(`${statusLabels[check.status]} ${check.name}: ${check.detail.split("\n").join(" ")}\n`);
      if (check.fix) io.stdout.write(`     fix: ${check.fix}\n`);
    }
  }
  return exitCode;
}
