import { startTestServer, type TestServer, type TestServerOptions } from "./test-server.js";

/** The two hooks of a test runner (Vitest's `beforeEach` and `afterEach` fit). */
export interface TestHooks {
  beforeEach(hook: () => Promise<void>): void;
  afterEach(hook: () => Promise<void>): void;
}

/**
 * A fresh test server for every test: started before each, closed after.
 * Returns a stand-in that always speaks for the current test's server.
 *
 * @example
 * const server = useTestServer({ beforeEach, afterEach });
 * it("...", async () => { server.enqueue(completion("{}")); ... });
 */
export function useTestServer(hooks: TestHooks, options?: TestServerOptions): TestServer {
  let current: TestServer | undefined;
  const server = (): TestServer => {
    if (!current) throw new Error("useTestServer: the server is only there inside a test");
    return current;
  };
  hooks.beforeEach(async () => {
    current = await startTestServer(options);
  });
  hooks.afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get url() {
      return server().url;
    },
    get baseURL() {
      return server().baseURL;
    },
    get port() {
      return server().port;
    },
    get requests() {
      return server().requests;
    },
    get probes() {
      return server().probes;
    },
    enqueue: (...replies) => server().enqueue(...replies),
    close: () => server().close(),
  };
}
