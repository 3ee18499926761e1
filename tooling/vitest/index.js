// Shared Vitest configuration for every package of the workspace.
// Workspace packages publish `dist/`, but export their sources under the
// `@cortex-ml/source` condition; tests resolve that condition so that
// `pnpm --filter <package> test` works without building anything first.
import { defineConfig, mergeConfig } from "vitest/config";

const sourceConditions = ["@cortex-ml/source", "module", "node", "import", "default"];

/** Base Vitest config: node environment, source conditions, bounded timeouts, a JSON report for the CI summary. */
export const baseConfig = defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@cortex-ml/source"] } },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    reporters: ["default", ["json", { outputFile: ".vitest/results.json" }]],
  },
});

/** Merge a package's own settings into the base config. */
export function createVitestConfig(overrides = {}) {
  return mergeConfig(baseConfig, defineConfig(overrides));
}
