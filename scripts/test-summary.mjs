// Prints one closing line for the whole workspace, "N passed, N failed, N skipped",
// from the JSON reports every package's Vitest run writes to .vitest/results.json.
// Exits 1 when a package that has a test script left no report, or when any test failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const group of ["packages", "apps", "tooling"]) {
  const directory = join(root, group);
  if (!existsSync(directory)) continue;
  for (const name of readdirSync(directory)) {
    const manifestPath = join(directory, name, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (!manifest.scripts?.test) continue;
    const reportPath = join(directory, name, ".vitest", "results.json");
    if (!existsSync(reportPath)) {
      missing.push(manifest.name);
      continue;
    }
    const report = JSON.parse(readFileSync(reportPath, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
if (missing.length > 0) console.error(`test-summary: no test report from ${missing.join(", ")}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0;
