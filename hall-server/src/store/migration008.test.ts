/** Migration 008 (issue 12): service records, ratings, bad-review cases and the outbox, on databases made before it. */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { latestSchemaVersion, openDatabase } from "./db.ts";
import { createHallStore } from "./hallStore.ts";
import type { NewServiceRecord } from "./serviceRecordStore.ts";
import { useTempDatabases } from "./testing.ts";

const TABLES = ["tickets", "requests", "periods", "appointments", "devices", "counters", "events", "audit", "staff"];
const NEW_TABLES = ["service_records", "ratings", "review_cases", "outbox"];

describe("migration 008: ratings", () => {
  const { fixtureCopy } = useTempDatabases();

  it("when main's fixture is opened, then its data is intact and the rating tables are there, empty", () => {
    const path = fixtureCopy();
    const before = new Database(path, { readonly: true });
    const rows = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    const old = Object.fromEntries(TABLES.map((t) => [t, rows(before, t)]));
    before.close();
    expect(old.tickets!.length).toBeGreaterThan(0);

    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
    expect(latestSchemaVersion()).toBeGreaterThanOrEqual(8);
    for (const table of TABLES) {
      const now = rows(db, table) as Record<string, unknown>[];
      const kept = now.map((r, i) => Object.fromEntries(Object.keys(old[table]![i] ?? {}).map((k) => [k, r[k]])));
      expect(kept, table).toEqual(old[table]);
    }
    for (const table of NEW_TABLES)
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    db.close();
  });

  it("when ratings are stored on the migrated fixture, then a service is rated once, a non-bad review is never reason-pending, and an outbox revision is written once", () => {
    const db = openDatabase(fixtureCopy());
    const store = createHallStore(db);
    const t = db.prepare("SELECT id, item_id FROM tickets ORDER BY id LIMIT 1").get() as {
      id: number;
      item_id: number;
    };
    const w = db.prepare("SELECT id FROM windows ORDER BY id LIMIT 1").get() as { id: number };
    const s = db.prepare("SELECT id FROM staff ORDER BY id LIMIT 1").get() as { id: number };
    const record: NewServiceRecord = {
      case_no: String(t.id),
      service_no: `${t.id}-X`,
      ticket_id: t.id,
      item_id: t.item_id,
      item_code: "X",
      item_name: "x",
      handling_code: "",
      catalog_version: "1",
      department_code: "D",
      item_kind: "immediate",
      promised_limit: 0,
      promised_unit: "workingDays",
      legal_limit: null,
      legal_unit: null,
      local_only: 0,
      region_code: "510104000000",
      hall_id: "h",
      window_id: w.id,
      window_number: 1,
      window_name: "1",
      staff_id: s.id,
      staff_no: "GW",
      staff_name: "n",
      applicant_id_type: null,
      applicant_id_masked: null,
      applicant_id_sealed: null,
      applicant_name_masked: null,
      applicant_name_sealed: null,
      applicant_phone_masked: null,
      applicant_phone_sealed: null,
      service_start: 0,
      service_end: 1,
    };
    const recordId = store.serviceRecords.insert(record);
    expect(() => store.serviceRecords.insert({ ...record, service_no: `${t.id}-Y` })).toThrow(/UNIQUE/);
    const rating = {
      service_record_id: recordId,
      level: 4,
      indicator_codes: "[]",
      indicator_version: "v",
      text: "",
      rating_channel: 5 as const,
      rated_at: 2,
      day: "2026-11-25",
      times_rated: 1,
      is_default: 0 as const,
      reason_pending: 1 as const,
      provincial_state: "held" as const,
      device_id: null,
      request_key: null,
    };
    expect(() => store.ratings.insert(rating), "level 4 reason-pending").toThrow(/CHECK/);
    store.ratings.insert({ ...rating, reason_pending: 0, provincial_state: "pending" });
    expect(() => store.ratings.insert({ ...rating, reason_pending: 0, provincial_state: "pending" })).toThrow(/UNIQUE/);
    expect(store.outbox.append("h", "rating", 1, "created", {}, 3)).toBe(1);
    expect(store.outbox.append("h", "rating", 1, "reason_added", {}, 4)).toBe(2);
    expect(store.outbox.after(0, 10).map((o) => o.idempotency_key)).toEqual(["h/rating/1/1", "h/rating/1/2"]);
    db.close();
  });
});
