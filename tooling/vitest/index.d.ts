import type { ViteUserConfig } from "vitest/config";

/** Base Vitest config: node environment, source conditions, bounded timeouts. */
export declare const baseConfig: ViteUserConfig;
/** Merge a package's own settings into the base config. */
export declare function createVitestConfig(overrides?: ViteUserConfig): ViteUserConfig;
