/** Scrolling notices (migration 007): published, withdrawn, and the ones in force at a moment. */
import type { Db } from "./db.ts";

export interface NoticeRow {
  id: number;
  text: string;
  published_at: number;
  expires_at: number | null;
  /** NULL: published by the hall operator at the CLI. */
  published_by_staff: number | null;
  withdrawn_at: number | null;
  withdrawn_by_staff: number | null;
}

/** Statements over `notices`, prepared once per database. */
export class NoticeStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[string, number, number | null, number | null], NoticeRow>(
        `INSERT INTO notices (text, published_at, expires_at, published_by_staff) VALUES (?, ?, ?, ?) RETURNING *`,
      ),
      get: db.prepare<[number], NoticeRow>("SELECT * FROM notices WHERE id = ?"),
      inForce: db.prepare<[number], NoticeRow>(
        "SELECT * FROM notices WHERE withdrawn_at IS NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY id",
      ),
      withdraw: db.prepare<[number, number | null, number]>(
        "UPDATE notices SET withdrawn_at = ?, withdrawn_by_staff = ? WHERE id = ? AND withdrawn_at IS NULL",
      ),
    };
  }

  /** Record a new notice; returns its row. */
  insert(n: { text: string; publishedAt: number; expiresAt: number | null; byStaff: number | null }): NoticeRow {
    return this.s.insert.get(n.text, n.publishedAt, n.expiresAt, n.byStaff)!;
  }

  get(id: number): NoticeRow | undefined {
    return this.s.get.get(id);
  }

  /** Notices neither withdrawn nor expired at `now` (epoch ms), oldest first. */
  inForce(now: number): NoticeRow[] {
    return this.s.inForce.all(now);
  }

  /** Mark a notice withdrawn; returns false when it was already withdrawn (or does not exist). */
  withdraw(id: number, at: number, byStaff: number | null): boolean {
    return this.s.withdraw.run(at, byStaff, id).changes === 1;
  }
}
