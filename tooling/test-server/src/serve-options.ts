import { parseArgs } from "node:util";

/** What `serve.ts` runs with. */
export interface ServeOptions {
  /** The assistant content every completion answers. */
  content: string;
}

/** Usage text of `serve.ts`. */
export const SERVE_USAGE = "usage: tsx src/serve.ts --content '<json text>'";

/** Parse the command line of `serve.ts`; throws with the usage text when `--content` is missing or unknown flags appear. */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  let values: { content?: string | undefined };
  try {
    ({ values } = parseArgs({ args: [...args], options: { content: { type: "string" } }, strict: true }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${SERVE_USAGE}`);
  }
  if (values.content === undefined) {
    throw new Error(`missing --content\n${SERVE_USAGE}`);
  }
  return { content: values.content };
}
