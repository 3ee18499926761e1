import { registerLocalProvider } from "./provider/local-provider.js";

export { defaultThreads } from "./default-threads.js";
export { disposeLocalEngines, sharedEngine } from "./engine/engine-registry.js";
export { defaultMaxTokens, type Generation, type GenerateOptions, LocalEngine, type LocalEngineOptions } from "./engine/local-engine.js";
export { ModelDownloadError } from "./errors/model-download-error.js";
export { sanitizeJsonSchema } from "./grammar/sanitize-json-schema.js";
export { modelsDirectory } from "./models/models-directory.js";
export { isRemoteModelSpec, resolveModelPath, type ResolveModelPathOptions } from "./models/resolve-model-path.js";
export { fromLocalModel, type FromLocalModelOptions, type LocalModelClient } from "./provider/from-local-model.js";
export { localProvider, localSupportedModes, registerLocalProvider } from "./provider/local-provider.js";
export { type LocalServer, type LocalServerOptions, startLocalServer } from "./serve.js";
export { createLocalTransport, type LocalTransport, type LocalTransportOptions } from "./transport/local-transport.js";

// Importing the package makes `fromProvider("local/<path>")` work.
registerLocalProvider();
