import type { HallEvent, HallEventBody } from "@onewindow/contract";
import type { Db } from "./db.ts";

/** The append-only event log: every state change appends one row in its own transaction. */
export class EventLog {
  private readonly insert;
  private readonly selectSince;
  private readonly selectLast;
  private readonly selectRecentCalls;
  private readonly selectFirstAt;
  private readonly eraseMasked;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string]>("INSERT INTO events (at, type, data) VALUES (?, ?, ?)");
    this.selectSince = db.prepare<[number, number], { seq: number; at: number; type: string; data: string }>(
      "SELECT seq, at, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
    );
    this.selectLast = db.prepare<[], { seq: number | null }>("SELECT max(seq) AS seq FROM events");
    this.selectRecentCalls = db.prepare<[number], { seq: number; at: number; type: string; data: string }>(
      "SELECT seq, at, type, data FROM events WHERE type = 'ticket.called' ORDER BY seq DESC LIMIT ?",
    );
    this.selectFirstAt = db.prepare<[number, number], { seq: number }>(
      "SELECT seq FROM events WHERE seq > ? AND at >= ? ORDER BY seq LIMIT 1",
    );
    this.eraseMasked = db.prepare<[number, number]>(
      `UPDATE events SET data = json_set(data, '$.ticket.nameMasked', NULL, '$.ticket.idMasked', NULL)
       WHERE seq > ? AND seq <= ? AND (json_extract(data, '$.ticket.nameMasked') IS NOT NULL
         OR json_extract(data, '$.ticket.idMasked') IS NOT NULL)`,
    );
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

  /** The last `limit` ticket.called events, newest first. */
  recentCalls(limit: number): Extract<HallEvent, { type: "ticket.called" }>[] {
    return this.selectRecentCalls
      .all(limit)
      .map((r) => ({ seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data) as unknown }) as HallEvent)
      .filter((e): e is Extract<HallEvent, { type: "ticket.called" }> => e.type === "ticket.called");
  }

  /** The first event after `seq` stamped at or after `at` (epoch ms), if any. */
  firstAtOrAfter(seq: number, at: number): number | undefined {
    return this.selectFirstAt.get(seq, at)?.seq;
  }

  /** Null `ticket.nameMasked` / `ticket.idMasked` in events with `from < seq <= through`; returns events changed. */
  eraseMaskedNames(from: number, through: number): number {
    return this.eraseMasked.run(from, through).changes;
  }
}
