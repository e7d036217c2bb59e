/**
 * Service records (migration 008): one per item handled in a visit, written by the finish that ended it, with every
 * field the provincial 好差评 record carries copied at that moment. Callers wrap writes in the change's transaction.
 */
import type { Db } from "./db.ts";

export interface ServiceRecordRow {
  id: number;
  case_no: string;
  service_no: string;
  ticket_id: number;
  item_id: number;
  item_code: string;
  item_name: string;
  handling_code: string;
  catalog_version: string;
  department_code: string;
  item_kind: "immediate" | "committed";
  promised_limit: number;
  promised_unit: string;
  legal_limit: number | null;
  legal_unit: string | null;
  local_only: 0 | 1;
  region_code: string;
  hall_id: string;
  window_id: number;
  window_number: number;
  window_name: string;
  staff_id: number;
  staff_no: string;
  staff_name: string;
  applicant_id_type: string | null;
  applicant_id_masked: string | null;
  applicant_id_sealed: string | null;
  applicant_name_masked: string | null;
  applicant_name_sealed: string | null;
  applicant_phone_masked: string | null;
  applicant_phone_sealed: string | null;
  service_start: number;
  service_end: number;
}

export type NewServiceRecord = Omit<ServiceRecordRow, "id">;

/** Statements over `service_records`, prepared once per database. */
export class ServiceRecordStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[NewServiceRecord], { id: number }>(
        `INSERT INTO service_records (case_no, service_no, ticket_id, item_id, item_code, item_name, handling_code,
           catalog_version, department_code, item_kind, promised_limit, promised_unit, legal_limit, legal_unit,
           local_only, region_code, hall_id, window_id, window_number, window_name, staff_id, staff_no, staff_name,
           applicant_id_type, applicant_id_masked, applicant_id_sealed, applicant_name_masked, applicant_name_sealed,
           applicant_phone_masked, applicant_phone_sealed, service_start, service_end)
         VALUES (@case_no, @service_no, @ticket_id, @item_id, @item_code, @item_name, @handling_code,
           @catalog_version, @department_code, @item_kind, @promised_limit, @promised_unit, @legal_limit, @legal_unit,
           @local_only, @region_code, @hall_id, @window_id, @window_number, @window_name, @staff_id, @staff_no,
           @staff_name, @applicant_id_type, @applicant_id_masked, @applicant_id_sealed, @applicant_name_masked,
           @applicant_name_sealed, @applicant_phone_masked, @applicant_phone_sealed, @service_start, @service_end)
         RETURNING id`,
      ),
      get: db.prepare<[number], ServiceRecordRow>("SELECT * FROM service_records WHERE id = ?"),
      ofTicket: db.prepare<[number], ServiceRecordRow>("SELECT * FROM service_records WHERE ticket_id = ? ORDER BY id"),
      unratedEndedBy: db.prepare<[number, number], ServiceRecordRow>(
        `SELECT s.* FROM service_records s WHERE s.service_end <= ?
           AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.service_record_id = s.id)
         ORDER BY s.service_end, s.id LIMIT ?`,
      ),
      purge: db.prepare<[number]>(
        `UPDATE service_records SET applicant_id_type = NULL, applicant_id_masked = NULL, applicant_id_sealed = NULL,
           applicant_name_masked = NULL, applicant_name_sealed = NULL, applicant_phone_masked = NULL,
           applicant_phone_sealed = NULL
         WHERE service_end < ? AND (applicant_id_type IS NOT NULL OR applicant_id_masked IS NOT NULL
           OR applicant_id_sealed IS NOT NULL OR applicant_name_masked IS NOT NULL OR applicant_name_sealed IS NOT NULL
           OR applicant_phone_masked IS NOT NULL OR applicant_phone_sealed IS NOT NULL)`,
      ),
    };
  }

  /** Insert a record; returns its id. Throws SQLITE_CONSTRAINT_UNIQUE for a second record of one ticket and item. */
  insert(r: NewServiceRecord): number {
    return this.s.insert.get(r)!.id;
  }

  get(id: number): ServiceRecordRow | undefined {
    return this.s.get.get(id);
  }

  /** The records of one visit (ticket), in the order they were written. */
  ofTicket(ticketId: number): ServiceRecordRow[] {
    return this.s.ofTicket.all(ticketId);
  }

  /** Erase the applicant's data of records whose service ended before `cutoff` (epoch ms); returns rows changed. */
  purgePersonalData(cutoff: number): number {
    return this.s.purge.run(cutoff).changes;
  }

  /** Up to `limit` records without a rating whose service ended at or before `endedBy` (epoch ms), oldest first. */
  unratedEndedBy(endedBy: number, limit: number): ServiceRecordRow[] {
    return this.s.unratedEndedBy.all(endedBy, limit);
  }
}
