/** Migration 006 (issue 9): reservations and device commands, on databases made before it. */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { latestSchemaVersion, openDatabase } from "./db.ts";
import { createHallStore } from "./hallStore.ts";
import { useTempDatabases } from "./testing.ts";

const TABLES = ["tickets", "requests", "periods", "appointments", "devices", "counters", "events", "audit", "staff"];

describe("migration 006: the kiosk's two-phase issue", () => {
  const { fixtureCopy } = useTempDatabases();

  it("when main's schema-2 fixture is opened, then its data is intact and the new tables are there, empty", () => {
    const path = fixtureCopy();
    const before = new Database(path, { readonly: true });
    const rows = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    const old = Object.fromEntries(TABLES.map((t) => [t, rows(before, t)]));
    before.close();
    expect(old.tickets!.length).toBeGreaterThan(0);

    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
    // Later migrations add columns (issued_item_id, id_type): compare the columns the fixture had.
    for (const table of TABLES) {
      const now = rows(db, table) as Record<string, unknown>[];
      const kept = now.map((r, i) => Object.fromEntries(Object.keys(old[table]![i] ?? {}).map((k) => [k, r[k]])));
      expect(kept, table).toEqual(old[table]);
    }
    expect(db.prepare("SELECT count(*) AS n FROM reservations").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM device_commands").get()).toEqual({ n: 0 });
    db.close();
  });

  it("when a reservation is recorded on the migrated fixture, then a printed one cannot also be voided, and one key per device holds one number", () => {
    const db = openDatabase(fixtureCopy());
    const store = createHallStore(db);
    const [first, second] = db.prepare("SELECT id FROM tickets ORDER BY id LIMIT 2").all() as { id: number }[];
    const device = db
      .prepare("INSERT INTO devices (name, kind, created_at) VALUES ('kiosk-m', 'kiosk', 0) RETURNING id")
      .get() as { id: number };
    const reservation = { device_id: device.id, request_key: "k-1", expires_at: 60_000, print: "{}" };
    store.reservations.insert({ ticket_id: first!.id, ...reservation });
    expect(() => store.reservations.insert({ ticket_id: second!.id, ...reservation })).toThrow(/UNIQUE/);
    store.reservations.markPrinted(first!.id, 1_000);
    expect(() =>
      store.reservations.markVoided(first!.id, {
        at: 2_000,
        reason: "print_failed",
        detail: null,
        deviceId: device.id,
        staffId: null,
      }),
    ).toThrow(/CHECK/);
    expect(store.reservations.get(first!.id)).toMatchObject({ printed_at: 1_000, voided_at: null });
    db.close();
  });
});
