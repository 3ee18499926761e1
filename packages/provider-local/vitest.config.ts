import { createVitestConfig } from "@cortex-ml/vitest-config";

// Real generation with tiny GGUF models: fast, but loading llama.cpp's native binary takes a second or two per test file.
// One CPU thread everywhere (fromProvider("local/...") included): on small, busy machines more threads are much slower.
export default createVitestConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000, env: { CORTEX_LOCAL_THREADS: "1" } } });
