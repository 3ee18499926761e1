export type { CliIO } from "./cli-io.js";
export { ExitCode } from "./exit-codes.js";
export { main, mainHelp } from "./main.js";
