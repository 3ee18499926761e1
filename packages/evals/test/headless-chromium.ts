import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), or the one `CORTEX_CHROMIUM` names. */
export const chromiumPath = process.env.CORTEX_CHROMIUM ?? "/usr/bin/chromium";

/** True when the browser is there to run. */
export const chromiumInstalled = existsSync(chromiumPath);

/** Why browser tests skip, when they do. */
export const chromiumMissing = `chromium is not installed at ${chromiumPath} (apt-get install chromium, or set CORTEX_CHROMIUM)`;

/** The flags of a quiet headless run on a machine without network: nothing in the background asks the internet. */
const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A headless Chromium with a fresh profile folder; `close` ends it and removes the folder. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "cortex-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
