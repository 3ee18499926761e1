import { mkdirSync, renameSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { CachedAnswer, CacheStats, CacheStore } from "./cache-store.js";

/** Options of {@link sqliteCacheStore}. */
export interface SqliteCacheStoreOptions {
  /** Where warnings go (a corrupt file set aside). Default `console.warn`. */
  readonly warn?: (message: string) => void;
}

/** `~/.cache/cortex-ml/cache.db`, or under `$XDG_CACHE_HOME`, or in `$CORTEX_CACHE_DIR`. */
export function defaultCachePath(environment: Record<string, string | undefined> = process.env): string {
  const directory = environment.CORTEX_CACHE_DIR?.trim() || join(environment.XDG_CACHE_HOME?.trim() || join(homedir(), ".cache"), "cortex-ml");
  return join(directory, "cache.db");
}

interface Statements {
  readonly get: StatementSync;
  readonly set: StatementSync;
  readonly remove: StatementSync;
  readonly clear: StatementSync;
  readonly count: StatementSync;
  readonly purge: StatementSync;
}

function open(path: string): { database: DatabaseSync; statements: Statements } {
  const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
  const database = new DatabaseSync(path);
  try {
    // WAL and a busy timeout: several processes can read and write one file at once.
    database.exec("PRAGMA busy_timeout = 5000");
    database.exec("PRAGMA journal_mode = WAL");
    database.exec("PRAGMA synchronous = NORMAL");
    database.exec(
      "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer TEXT NOT NULL, expires_at INTEGER, created_at INTEGER NOT NULL) WITHOUT ROWID",
    );
    // A hit reads one column, the expiry checked by SQLite, as an array: the cheapest row node:sqlite makes.
    const get = database.prepare("SELECT answer FROM answers WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)");
    (get as StatementSync & { setReturnArrays?: (enabled: boolean) => void }).setReturnArrays?.(true);
    const statements: Statements = {
      get,
      set: database.prepare("INSERT OR REPLACE INTO answers (key, answer, expires_at, created_at) VALUES (?, ?, ?, ?)"),
      remove: database.prepare("DELETE FROM answers WHERE key = ?"),
      clear: database.prepare("DELETE FROM answers"),
      count: database.prepare("SELECT count(*) AS entries, coalesce(sum(length(answer)), 0) AS bytes FROM answers"),
      purge: database.prepare("DELETE FROM answers WHERE expires_at IS NOT NULL AND expires_at <= ?"),
    };
    // Expired entries are skipped by reads and dropped here, once per opening, and by stats().
    statements.purge.run(Date.now());
    return { database, statements };
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * A cache in a SQLite file, with Node's built-in `node:sqlite` (no native
 * build, works offline): the default store of `createInstructor({ cache: true })`,
 * shared by every process on the machine. A file that is not a readable
 * cache database is set aside (renamed `<file>.corrupt-<time>`, with a
 * warning) and a new one is made; nothing else is touched.
 *
 * @example
 * const client = createInstructor({ cache: sqliteCacheStore("./.cache/answers.db") });
 */
export function sqliteCacheStore(path: string = defaultCachePath(), options: SqliteCacheStoreOptions = {}): CacheStore {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let opened: ReturnType<typeof open> | undefined;
  const connection = () => {
    if (opened !== undefined) return opened;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    try {
      opened = open(path);
    } catch (error) {
      if (path === ":memory:") throw error;
      const aside = `${path}.corrupt-${Date.now()}`;
      renameSync(path, aside);
      warn(`cortex-ml: the cache file ${path} could not be read (${error instanceof Error ? error.message : String(error)}); it was moved to ${aside} and a new cache was started.`);
      opened = open(path);
    }
    return opened;
  };
  return {
    get(key) {
      const row = connection().statements.get.get(key, Date.now()) as unknown as readonly [string] | { answer: string } | undefined;
      if (row === undefined) return undefined;
      return JSON.parse(Array.isArray(row) ? row[0] : (row as { answer: string }).answer) as CachedAnswer;
    },
    set(key, answer, ttlMs) {
      const now = Date.now();
      connection().statements.set.run(key, JSON.stringify(answer), ttlMs === undefined ? null : now + ttlMs, now);
    },
    delete(key) {
      connection().statements.remove.run(key);
    },
    clear() {
      connection().statements.clear.run();
    },
    stats(): CacheStats {
      const { statements } = connection();
      statements.purge.run(Date.now());
      const row = statements.count.get() as { entries: number; bytes: number };
      let bytes = row.bytes;
      try {
        bytes = statSync(path).size;
      } catch {
        // An in-memory database: the answers' own size.
      }
      return { entries: row.entries, bytes, location: path };
    },
    close() {
      opened?.database.close();
      opened = undefined;
    },
  };
}
