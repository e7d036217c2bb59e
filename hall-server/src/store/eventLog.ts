import type { HallEvent, HallEventBody } from "@onewindow/contract";
import type { Db } from "./db.ts";

/** The append-only event log: every state change appends one row in its own transaction. */
export class EventLog {
  private readonly insert;
  private readonly selectSince;
  private readonly selectLast;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string]>("INSERT INTO events (at, type, data) VALUES (?, ?, ?)");
    this.selectSince = db.prepare<[number, number], { seq: number; at: number; type: string; data: string }>(
      "SELECT seq, at, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
    );
    this.selectLast = db.prepare<[], { seq: number | null }>("SELECT max(seq) AS seq FROM events");
  }

  /** Append inside the caller's transaction; returns the event with its sequence number. */
  append(body: HallEventBody, at: number): HallEvent {
    const seq = Number(this.insert.run(at, body.type, JSON.stringify(body.data)).lastInsertRowid);
    return { ...body, seq, at };
  }

  /** Events with seq > `seq`, oldest first, at most `limit`. */
  since(seq: number, limit: number): HallEvent[] {
    return this.selectSince
      .all(seq, limit)
      .map((r) => ({ seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data) as unknown }) as HallEvent);
  }

  lastSeq(): number {
    return this.selectLast.get()?.seq ?? 0;
  }
}
