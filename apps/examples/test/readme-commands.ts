import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "./run-example.js";

const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");

/** The text of README's `## <title>` section, up to the next `## ` heading. */
function readmeSection(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The lines of the shell blocks of README's `## <title>` section, as written (comments included). */
export function readmeShellLines(title: string): string[] {
  const blocks = readmeSection(title).matchAll(/```sh\n([\s\S]*?)```/g);
  return [...blocks].flatMap((block) => (block[1] ?? "").split("\n").filter((line) => line.trim() !== ""));
}

/** The one shell line of README's `## <title>` section that contains `text`; throws when there is none or several. */
export function readmeShellLine(title: string, text: string): string {
  const lines = readmeShellLines(title).filter((line) => line.includes(text));
  if (lines.length !== 1) throw new Error(`README's "${title}" section has ${lines.length} shell lines with ${JSON.stringify(text)}`);
  return lines[0] as string;
}


/** The command column of README's examples table, by example name (the script the command runs). */
export function readmeExampleCommands(): Map<string, string> {
  const commands = new Map<string, string>();
  for (const row of readmeSection("Examples").matchAll(/^\|[^|\n]*\| `(bash scripts\/example\.sh ([\w-]+)[^`]*)` \|$/gm)) {
    commands.set(row[2] as string, row[1] as string);
  }
  return commands;
}

/** README's command for the example `name`; throws when README's examples table does not list it. */
export function readmeExampleCommand(name: string): string {
  const command = readmeExampleCommands().get(name);
  if (command === undefined) throw new Error(`README's examples table has no \`bash scripts/example.sh ${name}\` row`);
  return command;
}
