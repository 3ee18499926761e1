import { createPartial, Mode, structuredChat } from "@cortex-ml/core";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli-io.js";
import { connect, connectionFlags, connectionHelp } from "../connection-options.js";
import { ExitCode } from "../exit-codes.js";
import { onInterruptSignals } from "../interrupt-signals.js";
import { InterruptedError } from "../interrupted-error.js";
import { loadSchema } from "../load-schema.js";
import { preloadModel } from "../preload-model.js";
import { readInputText } from "../read-input.js";
import { PartialRenderer } from "../render-partial.js";
import { UsageError } from "../usage-error.js";

/** Help text of `cortex-ml extract`. */
export const extractHelp = `Usage: cortex-ml extract [text] --schema SCHEMA [options]

Extracts structured data from text and prints the validated JSON on stdout.
The text comes from the argument, --file, or stdin.

Options:
  -s, --schema SCHEMA  a JSON Schema file (person.json), or a JS/TS module exporting a
                       Valibot schema (models.ts#Person)
  -f, --file PATH      read the text from a file
  --system TEXT        system prompt (default: "Extract the requested data from the text.")
  --stream             show the object growing live on a terminal (piped: only the final JSON);
                       Ctrl-C stops it (exit 130)
  --compact            one-line JSON
${connectionHelp}
  --json               errors as one JSON object on stderr
  --verbose            errors with details
  -h, --help           show this help

Examples:
  cortex-ml extract "John is 25 years old" --schema person.json
  cat note.txt | cortex-ml extract --schema models.ts#Meeting --model llama3.2 --stream
`;

/** `cortex-ml extract`: one structured extraction. */
export async function extractCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...connectionFlags,
      schema: { type: "string", short: "s" },
      file: { type: "string", short: "f" },
      system: { type: "string" },
      stream: { type: "boolean", default: false },
      compact: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(extractHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 1) throw new UsageError("give the text as one argument (quote it)");
  if (values.schema === undefined) throw new UsageError("--schema is required, e.g. --schema person.json or --schema models.ts#Person");
  const responseModel = await loadSchema(values.schema, io.cwd);
  const text = await readInputText(positionals[0], values.file, io.stdin);
  if (text.trim() === "") throw new UsageError("the text is empty");
  if (values.stream && values.mode === Mode.PARALLEL_TOOLS) throw new UsageError("--stream shows one object; --mode parallel_tools answers several: use --mode tools, or drop --stream");
  const connection = await connect(values, io.environment);
  const { client, model, callSettings } = connection;
  const messages = [
    { role: "system" as const, content: values.system ?? "Extract the requested data from the text." },
    { role: "user" as const, content: text },
  ];
  const print = (data: unknown) => io.stdout.write(`${JSON.stringify(data, null, values.compact ? undefined : 2)}\n`);
  const interrupt = new AbortController();
  const removeSignalHandlers = onInterruptSignals((signal) => interrupt.abort(new InterruptedError(signal)));
  const renderer = values.stream && io.stdout.isTTY ? new PartialRenderer(io.stdout) : undefined;
  try {
    await preloadModel(connection, io.stderr, interrupt.signal);
    const request = { model, responseModel, messages, ...callSettings, signal: interrupt.signal };
    if (!values.stream) {
      print(await structuredChat(client, request));
      return ExitCode.ok;
    }
    for await (const event of createPartial(client, request)) {
      if (event.done) {
        renderer?.clear();
        print(event.data);
      } else {
        renderer?.draw(event.data);
      }
    }
    return ExitCode.ok;
  } catch (error) {
    // After Ctrl-C the call fails as aborted: say it was interrupted (exit 130).
    throw interrupt.signal.aborted ? interrupt.signal.reason : error;
  } finally {
    renderer?.clear();
    removeSignalHandlers();
  }
}
