import { createVitestConfig } from "@cortex-ml/vitest-config";

// Every test here starts whole processes (pnpm, tsx, a model): a run takes seconds on a busy 2-core machine.
export default createVitestConfig({ test: { testTimeout: 90_000, hookTimeout: 90_000 } });
