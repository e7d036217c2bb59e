/**
 * Ratings (migration 008), one per service record, and the list the read API filters. Callers wrap writes in the
 * change's transaction.
 */
import type { Db } from "./db.ts";

export interface RatingRow {
  id: number;
  service_record_id: number;
  level: number;
  /** JSON array of indicator codes. */
  indicator_codes: string;
  indicator_version: string;
  text: string;
  rating_channel: 1 | 2 | 3 | 4 | 5;
  rated_at: number;
  day: string;
  times_rated: number;
  is_default: 0 | 1;
  reason_pending: 0 | 1;
  upward_state: "pending" | "sent" | "failed";
  provincial_state: "pending" | "held" | "sent" | "failed" | "rejected" | "local_only";
  device_id: number | null;
  request_key: string | null;
}

export type NewRating = Omit<RatingRow, "id" | "upward_state">;

/** Filters of the read API; every one optional. `fromDay`/`toDay` are inclusive service days. */
export interface RatingFilter {
  fromDay?: string | undefined;
  toDay?: string | undefined;
  windowNumber?: number | undefined;
  staffNo?: string | undefined;
  itemCode?: string | undefined;
  level?: number | undefined;
  isDefault?: boolean | undefined;
  beforeId?: number | undefined;
}

/** Statements over `ratings`, prepared once per database. */
export class RatingStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare<[NewRating], { id: number }>(
        `INSERT INTO ratings (service_record_id, level, indicator_codes, indicator_version, text, rating_channel,
           rated_at, day, times_rated, is_default, reason_pending, provincial_state, device_id, request_key)
         VALUES (@service_record_id, @level, @indicator_codes, @indicator_version, @text, @rating_channel, @rated_at,
           @day, @times_rated, @is_default, @reason_pending, @provincial_state, @device_id, @request_key)
         RETURNING id`,
      ),
      get: db.prepare<[number], RatingRow>("SELECT * FROM ratings WHERE id = ?"),
      ofRecord: db.prepare<[number], RatingRow>("SELECT * FROM ratings WHERE service_record_id = ?"),
      timesRated: db.prepare<[string, string], { n: number }>(
        `SELECT count(*) AS n FROM ratings r JOIN service_records s ON s.id = r.service_record_id
         WHERE s.case_no = ? AND s.item_code = ?`,
      ),
      setReason: db.prepare<[string, string, string, number]>(
        "UPDATE ratings SET indicator_codes = ?, text = ?, reason_pending = 0, provincial_state = ? WHERE id = ?",
      ),
    };
  }

  /** Insert a rating; returns its id. Throws SQLITE_CONSTRAINT_UNIQUE when its service record is rated already. */
  insert(r: NewRating): number {
    return this.s.insert.get(r)!.id;
  }

  get(id: number): RatingRow | undefined {
    return this.s.get.get(id);
  }

  /** The rating of service record `serviceRecordId`, if it has one. */
  ofRecord(serviceRecordId: number): RatingRow | undefined {
    return this.s.ofRecord.get(serviceRecordId);
  }

  /** Ratings so far of case number `caseNo` and item `itemCode` (all service records of that case and item). */
  timesRated(caseNo: string, itemCode: string): number {
    return this.s.timesRated.get(caseNo, itemCode)!.n;
  }

  /** Record the reason of a bad review stored without one; its provincial upload becomes `provincialState`. */
  setReason(id: number, indicatorCodes: string, text: string, provincialState: "pending" | "local_only"): void {
    this.s.setReason.run(indicatorCodes, text, provincialState, id);
  }

  /** Up to `limit` ratings matching `f`, newest (highest id) first. */
  list(f: RatingFilter, limit: number): RatingRow[] {
    // The filters present become the WHERE clause; values are always bound, never spliced.
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      args.push(value);
    };
    add("r.day >= ?", f.fromDay);
    add("r.day <= ?", f.toDay);
    add("s.window_number = ?", f.windowNumber);
    add("s.staff_no = ?", f.staffNo);
    add("s.item_code = ?", f.itemCode);
    add("r.level = ?", f.level);
    add("r.is_default = ?", f.isDefault === undefined ? undefined : f.isDefault ? 1 : 0);
    add("r.id < ?", f.beforeId);
    const sql = `SELECT r.* FROM ratings r JOIN service_records s ON s.id = r.service_record_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY r.id DESC LIMIT ?`;
    return this.db.prepare<(string | number)[], RatingRow>(sql).all(...args, limit);
  }
}
