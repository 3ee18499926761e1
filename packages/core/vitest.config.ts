import { createVitestConfig } from "@cortex-ml/vitest-config";

const config = createVitestConfig();
// Node's "module" condition would load @opentelemetry/api's bundler build (imports without extensions)
// when the OpenTelemetry SDK of the telemetry tests requires it natively: resolve without it.
const withoutModule = (conditions: string[] | undefined) => conditions?.filter((condition) => condition !== "module");
if (config.resolve) config.resolve.conditions = withoutModule(config.resolve.conditions);
if (config.ssr?.resolve) config.ssr.resolve.conditions = withoutModule(config.ssr.resolve.conditions);

export default config;
