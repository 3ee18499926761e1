import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { BatchStateConflictError } from "./batch-state-conflict-error.js";
import type { BatchStateStore } from "./batch-state-store.js";
import type { JobState } from "./job-state.js";

function open(path: string): DatabaseSync {
  const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new DatabaseSync(path);
  try {
    database.exec("PRAGMA busy_timeout = 5000");
    database.exec("PRAGMA journal_mode = WAL");
    // Every save is durable: a job killed right after submitting a batch must find its id on resume.
    database.exec("PRAGMA synchronous = FULL");
    database.exec("CREATE TABLE IF NOT EXISTS batch_jobs (job_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID");
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * Provider batch job state in a local SQLite file (Node's built-in
 * `node:sqlite`): the default store, for jobs driven from one machine.
 *
 * @example
 * const store = sqliteBatchStateStore("./people.batch.db");
 */
export function sqliteBatchStateStore(path: string): BatchStateStore {
  let database: DatabaseSync | undefined;
  const connection = (): DatabaseSync => {
    database ??= open(path);
    return database;
  };
  return {
    async load(jobId) {
      const row = connection().prepare("SELECT state FROM batch_jobs WHERE job_id = ?").get(jobId) as { state: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.state) as JobState);
    },
    async save(state, expectedRevision) {
      const text = JSON.stringify(state);
      const now = Date.now();
      const changes =
        expectedRevision === undefined
          ? connection().prepare("INSERT OR IGNORE INTO batch_jobs (job_id, revision, state, updated_at) VALUES (?, ?, ?, ?)").run(state.jobId, state.revision, text, now).changes
          : connection()
              .prepare("UPDATE batch_jobs SET revision = ?, state = ?, updated_at = ? WHERE job_id = ? AND revision = ?")
              .run(state.revision, text, now, state.jobId, expectedRevision).changes;
      if (Number(changes) !== 1) throw new BatchStateConflictError({ jobId: state.jobId, expectedRevision });
    },
    async remove(jobId) {
      connection().prepare("DELETE FROM batch_jobs WHERE job_id = ?").run(jobId);
    },
    async close() {
      database?.close();
      database = undefined;
    },
  };
}
