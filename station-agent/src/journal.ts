/**
 * The take journal: one SQLite row per take, written (fsync'd, synchronous=FULL) before each step's effect, so that
 * after a SIGKILL at any point the restarted agent knows how far every take got and finishes it (recovery.ts).
 *
 *   reserving --server answered--> reserved --bytes about to go--> printing --printer OK--> printed --server OK--> confirmed
 *       |                             |                              |                        (confirm retried until it lands)
 *       |                             +--------- voiding (reason) <--+ (print failed)  --server OK--> voided
 *       +--server refused--> refused (nothing reserved)
 *
 * The reserve body (it may hold a card's ID number) is kept only while the take is open and cleared when it ends;
 * the file is created 0600.
 */
import type Database from "better-sqlite3";
import { openDurableDb } from "./core/durableDb.ts";

export type TakePhase =
  "reserving" | "reserved" | "printing" | "printed" | "confirmed" | "voiding" | "voided" | "refused";

/** Phases after which nothing remains to do. */
export const FINAL_PHASES: readonly TakePhase[] = ["confirmed", "voided", "refused"];

export interface TakeRow {
  readonly requestKey: string;
  /** The page's requestId (answers to a repeated take go to it). */
  readonly requestId: string;
  readonly phase: TakePhase;
  /** The ReserveTicketBody sent (JSON), cleared once the take ends. */
  readonly reserveBody: string | null;
  readonly ticketId: number | null;
  readonly number: string | null;
  /** TicketPrintData (JSON) as the server gave it. */
  readonly printData: string | null;
  readonly voidReason: string | null;
  /** Plain words of the last failure, for logs and the ledger check. */
  readonly detail: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type CommandPhase = "printing" | "done";

export interface CommandRow {
  readonly id: number;
  readonly phase: CommandPhase;
  readonly ok: boolean | null;
  readonly reason: string | null;
}

interface RawTake {
  request_key: string;
  request_id: string;
  phase: TakePhase;
  reserve_body: string | null;
  ticket_id: number | null;
  number: string | null;
  print_data: string | null;
  void_reason: string | null;
  detail: string | null;
  created_at: number;
  updated_at: number;
}

const toRow = (raw: RawTake): TakeRow => ({
  requestKey: raw.request_key,
  requestId: raw.request_id,
  phase: raw.phase,
  reserveBody: raw.reserve_body,
  ticketId: raw.ticket_id,
  number: raw.number,
  printData: raw.print_data,
  voidReason: raw.void_reason,
  detail: raw.detail,
  createdAt: raw.created_at,
  updatedAt: raw.updated_at,
});

/** The journal over one SQLite file. Every method is one synchronous, durable transaction. */
export class TakeJournal {
  private readonly db: Database.Database;
  private readonly now: () => number;

  constructor(path: string, now: () => number = Date.now) {
    this.db = openDurableDb(path);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS takes (
        request_key TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        phase TEXT NOT NULL,
        reserve_body TEXT,
        ticket_id INTEGER,
        number TEXT,
        print_data TEXT,
        void_reason TEXT,
        detail TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS takes_open ON takes (phase);
      CREATE TABLE IF NOT EXISTS commands (
        id INTEGER PRIMARY KEY,
        phase TEXT NOT NULL,
        ok INTEGER,
        reason TEXT,
        updated_at INTEGER NOT NULL
      );
    `);
    this.now = now;
  }

  /** Record a new take before its reserve request goes out. */
  begin(requestKey: string, requestId: string, reserveBody: string): TakeRow {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO takes (request_key, request_id, phase, reserve_body, created_at, updated_at)
         VALUES (?, ?, 'reserving', ?, ?, ?)`,
      )
      .run(requestKey, requestId, reserveBody, at, at);
    return this.get(requestKey)!;
  }

  /** Move a take to `phase`, setting the given fields; a final phase clears the reserve body. */
  advance(
    requestKey: string,
    phase: TakePhase,
    fields: { ticketId?: number; number?: string; printData?: string; voidReason?: string; detail?: string } = {},
  ): TakeRow {
    const final = FINAL_PHASES.includes(phase);
    this.db
      .prepare(
        `UPDATE takes SET phase = ?, updated_at = ?,
           ticket_id = COALESCE(?, ticket_id), number = COALESCE(?, number), print_data = COALESCE(?, print_data),
           void_reason = COALESCE(?, void_reason), detail = COALESCE(?, detail),
           reserve_body = CASE WHEN ? THEN NULL ELSE reserve_body END
         WHERE request_key = ?`,
      )
      .run(
        phase,
        this.now(),
        fields.ticketId ?? null,
        fields.number ?? null,
        fields.printData ?? null,
        fields.voidReason ?? null,
        fields.detail ?? null,
        final ? 1 : 0,
        requestKey,
      );
    const row = this.get(requestKey);
    if (!row) throw new Error(`journal has no take ${requestKey}`);
    return row;
  }

  get(requestKey: string): TakeRow | undefined {
    const raw = this.db.prepare(`SELECT * FROM takes WHERE request_key = ?`).get(requestKey) as RawTake | undefined;
    return raw && toRow(raw);
  }

  /** Takes not yet in a final phase, oldest first. */
  open(): TakeRow[] {
    return (
      this.db
        .prepare(`SELECT * FROM takes WHERE phase NOT IN ('confirmed', 'voided', 'refused') ORDER BY created_at, rowid`)
        .all() as RawTake[]
    ).map(toRow);
  }

  /** Every take, oldest first (for the ledger check and diagnostics). */
  all(): TakeRow[] {
    return (this.db.prepare(`SELECT * FROM takes ORDER BY created_at, rowid`).all() as RawTake[]).map(toRow);
  }

  command(id: number): CommandRow | undefined {
    const raw = this.db.prepare(`SELECT id, phase, ok, reason FROM commands WHERE id = ?`).get(id) as
      { id: number; phase: CommandPhase; ok: number | null; reason: string | null } | undefined;
    return raw && { id: raw.id, phase: raw.phase, ok: raw.ok === null ? null : raw.ok === 1, reason: raw.reason };
  }

  /** Record a device command's progress (a reprint about to print, or its outcome). */
  noteCommand(id: number, phase: CommandPhase, outcome?: { ok: boolean; reason?: string }): void {
    this.db
      .prepare(
        `INSERT INTO commands (id, phase, ok, reason, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET phase = excluded.phase, ok = excluded.ok, reason = excluded.reason,
           updated_at = excluded.updated_at`,
      )
      .run(id, phase, outcome === undefined ? null : outcome.ok ? 1 : 0, outcome?.reason ?? null, this.now());
  }

  close(): void {
    this.db.close();
  }
}
