/**
 * The durable-insert ceiling of this disk: how many single-row INSERT transactions per second SQLite commits with
 * the hall-server's own settings (WAL + synchronous=FULL, so each commit waits for an fsync of the WAL). No server
 * can issue durable tickets faster than this; the issue benchmark is judged against it. Each commit's latency is kept
 * too: its p99 is what the disk alone adds to the tail of any durable request (a floor under the issue p99).
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize, type Summary } from "./stats.ts";

/** Transactions committed and the time they took. */
export interface CeilingResult {
  transactions: number;
  elapsedMs: number;
  perSecond: number;
  /** Latency of one commit (INSERT + COMMIT with its fsync), ms. */
  commitMs: Summary;
}

/**
 * Commit single-row INSERT transactions into a fresh database file in os.tmpdir() (its WAL pre-grown to about
 * 4 MB, see below) for about `durationMs` (blocking
 * the event loop meanwhile, like better-sqlite3 does in the server), then delete the file and its directory, even
 * on error. RangeError on a duration that is not a positive finite number.
 */
export function measureSqliteCeiling(durationMs = 3000): CeilingResult {
  if (!(durationMs > 0 && Number.isFinite(durationMs)))
    throw new RangeError(`duration must be a positive number, got ${durationMs}`);
  const dir = mkdtempSync(join(tmpdir(), "onewindow-bench-sqlite-"));
  try {
    const db = new Database(join(dir, "ceiling.db"));
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL)");
      // Steady state, as in a server that has run a while: the WAL file already has its size and commits overwrite
      // it from the start. A fresh, growing WAL makes every fsync also commit the file-size change to the
      // filesystem journal, which would understate the ceiling. One big transaction and a RESTART checkpoint get
      // there without hundreds of untimed fsyncs.
      db.exec("CREATE TABLE warm (b BLOB NOT NULL)");
      const fill = db.prepare("INSERT INTO warm (b) VALUES (?)");
      db.transaction(() => {
        for (let i = 0; i < 1000; i++) fill.run(Buffer.alloc(4000));
      })();
      db.pragma("wal_checkpoint(RESTART)");
      const insert = db.prepare("INSERT INTO t (at, payload) VALUES (?, ?)");
      // One row per transaction, as the server commits one ticket per request.
      const commitOne = db.transaction((at: number) => insert.run(at, "A001 综合咨询"));
      const latencies: number[] = [];
      const start = performance.now();
      let now = start;
      while (now - start < durationMs) {
        const before = now;
        commitOne(Date.now());
        now = performance.now();
        latencies.push(now - before);
      }
      const elapsedMs = now - start;
      const transactions = latencies.length;
      return { transactions, elapsedMs, perSecond: (transactions * 1000) / elapsedMs, commitMs: summarize(latencies) };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
