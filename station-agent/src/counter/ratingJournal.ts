/**
 * The counter's rating journal: a citizen's answer is on disk (SQLite, synchronous=FULL) before it is sent, and
 * leaves only when the hall has stored it or refused it, so an agent restart or a power cut between the key press and
 * the hall's answer loses no rating. A restarted station sends what is left (RatingStation.resendUnsent); the
 * answer's request key makes the hall store it once whatever reached it before.
 *
 *   key press --keep--> unsent_ratings --POST /api/ratings--> stored or refused --drop-->
 *
 * The counter's journal file is new with this table; it carries `user_version` 1 so that a later change is a
 * numbered migration from it. The file is opened as every journal is (core/durableDb.ts: 0600, WAL, FULL).
 */
import type Database from "better-sqlite3";
import { SubmitRatingBody } from "@onewindow/contract";
import { openDurableDb } from "../core/durableDb.ts";

/** What the rating station needs of its journal (RatingJournal over a file). */
export interface RatingOutbox {
  /** Keep `body` (by its request key) until `drop`; keeping it again changes nothing. */
  keep(body: SubmitRatingBody & { requestKey: string }): void;
  /** The hall stored or refused the answer with this request key: forget it. */
  drop(requestKey: string): void;
  /** Answers kept and not yet dropped, oldest first. */
  unsent(): (SubmitRatingBody & { requestKey: string })[];
}

const SCHEMA_VERSION = 1;

/** The journal over one SQLite file. Throws when the file cannot be opened or is of a newer schema. */
export class RatingJournal implements RatingOutbox {
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openDurableDb(path);
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`${path} is a rating journal of schema ${version}; this agent knows up to ${SCHEMA_VERSION}`);
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS unsent_ratings (
        request_key TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        kept_at INTEGER NOT NULL
      );
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }

  keep(body: SubmitRatingBody & { requestKey: string }): void {
    this.db
      .prepare("INSERT OR IGNORE INTO unsent_ratings (request_key, body, kept_at) VALUES (?, ?, ?)")
      .run(body.requestKey, JSON.stringify(body), this.now());
  }

  drop(requestKey: string): void {
    this.db.prepare("DELETE FROM unsent_ratings WHERE request_key = ?").run(requestKey);
  }

  /** Rows that no longer read as a rating (a hand-edited file) are dropped here rather than sent forever. */
  unsent(): (SubmitRatingBody & { requestKey: string })[] {
    const rows = this.db.prepare("SELECT request_key, body FROM unsent_ratings ORDER BY kept_at, rowid").all() as {
      request_key: string;
      body: string;
    }[];
    const out: (SubmitRatingBody & { requestKey: string })[] = [];
    for (const row of rows) {
      let parsed: ReturnType<typeof SubmitRatingBody.safeParse> | undefined;
      try {
        parsed = SubmitRatingBody.safeParse(JSON.parse(row.body));
      } catch {
        parsed = undefined;
      }
      if (parsed?.success && parsed.data.requestKey === row.request_key)
        out.push({ ...parsed.data, requestKey: row.request_key });
      else this.drop(row.request_key);
    }
    return out;
  }

  close(): void {
    this.db.close();
  }
}
