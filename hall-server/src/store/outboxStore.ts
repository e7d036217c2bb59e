/**
 * The outbox (migration 008): every change of a service record, rating or follow-up case, appended in the change's
 * own transaction, in order (`seq`), for the upward push. Each row's idempotency key names the hall, the entity and
 * its revision, so a re-sent row is recognised upstream and never counted twice.
 */
import type { Db } from "./db.ts";

export type OutboxKind = "service_record" | "rating" | "review_case";

export interface OutboxRow {
  seq: number;
  idempotency_key: string;
  kind: OutboxKind;
  entity_id: number;
  revision: number;
  change: string;
  /** JSON; personal data only masked or sealed. */
  payload: string;
  created_at: number;
  sent_at: number | null;
  attempts: number;
  last_error: string | null;
}

/** Statements over `outbox`, prepared once per database. */
export class OutboxStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      revision: db.prepare<[OutboxKind, number], { n: number }>(
        "SELECT coalesce(max(revision), 0) AS n FROM outbox WHERE kind = ? AND entity_id = ?",
      ),
      insert: db.prepare<[string, OutboxKind, number, number, string, string, number], { seq: number }>(
        `INSERT INTO outbox (idempotency_key, kind, entity_id, revision, change, payload, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      ),
      // The service record rows' copies of the applicant's data (see serviceRecordStore's purge).
      erase: db.prepare<[number]>(
        `UPDATE outbox SET payload = json_set(payload, '$.applicant_id_type', NULL, '$.applicant_id_masked', NULL,
           '$.applicant_id_sealed', NULL, '$.applicant_name_masked', NULL, '$.applicant_name_sealed', NULL,
           '$.applicant_phone_masked', NULL, '$.applicant_phone_sealed', NULL)
         WHERE kind = 'service_record' AND created_at < ? AND (json_extract(payload, '$.applicant_id_type') IS NOT NULL
           OR json_extract(payload, '$.applicant_id_masked') IS NOT NULL
           OR json_extract(payload, '$.applicant_id_sealed') IS NOT NULL
           OR json_extract(payload, '$.applicant_name_masked') IS NOT NULL
           OR json_extract(payload, '$.applicant_name_sealed') IS NOT NULL
           OR json_extract(payload, '$.applicant_phone_masked') IS NOT NULL
           OR json_extract(payload, '$.applicant_phone_sealed') IS NOT NULL)`,
      ),
      after: db.prepare<[number, number], OutboxRow>("SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?"),
    };
  }

  /**
   * Append the next revision of entity (`kind`, `entityId`) of hall `hallId`: its key is
   * "<hallId>/<kind>/<entityId>/<revision>". Returns the row's seq. Must run inside the change's transaction.
   */
  append(hallId: string, kind: OutboxKind, entityId: number, change: string, payload: unknown, at: number): number {
    const revision = this.s.revision.get(kind, entityId)!.n + 1;
    const key = `${hallId}/${kind}/${entityId}/${revision}`;
    return this.s.insert.get(key, kind, entityId, revision, change, JSON.stringify(payload), at)!.seq;
  }

  /** Erase the applicant's data in service record rows written before `cutoff` (epoch ms); returns rows changed. */
  erasePersonalData(cutoff: number): number {
    return this.s.erase.run(cutoff).changes;
  }

  /** Up to `limit` rows after `seq`, in order (what the pusher reads). */
  after(seq: number, limit: number): OutboxRow[] {
    return this.s.after.all(seq, limit);
  }
}
