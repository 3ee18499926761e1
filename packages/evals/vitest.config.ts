import { createVitestConfig } from "@cortex-ml/vitest-config";

export default createVitestConfig();
