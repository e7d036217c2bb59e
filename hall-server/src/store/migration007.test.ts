/** Migration 007 (issue 11): scrolling notices and staff photos, on databases made before it. */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { latestSchemaVersion, openDatabase } from "./db.ts";
import { createHallStore } from "./hallStore.ts";
import { useTempDatabases, type MainFixture } from "./testing.ts";

/** Every row of `table` in a stable order (by all its columns: some tables are WITHOUT ROWID). */
const rows = (db: Database.Database, table: string) => {
  const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => `"${c.name}"`);
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(", ")}`).all();
};
const tablesOf = (db: Database.Database) =>
  (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((t) => t.name);

describe("migration 007: notices and staff photos", () => {
  const { fixtureCopy } = useTempDatabases();

  it.each<[MainFixture, number]>([
    ["main-v6.db", 6],
    ["main-v2.db", 2],
  ])(
    "when main's fixture %s (schema %i) is opened, then every row of every table it had is intact and the new tables are empty",
    (fixture, version) => {
      const path = fixtureCopy(fixture);
      const before = new Database(path, { readonly: true });
      expect(before.pragma("user_version", { simple: true })).toBe(version);
      const tables = tablesOf(before);
      const old = Object.fromEntries(tables.map((t) => [t, rows(before, t)]));
      before.close();
      expect((old.tickets ?? []).length).toBeGreaterThan(0);
      if (version === 6) {
        expect((old.reservations ?? []).length).toBeGreaterThan(0);
        expect((old.device_commands ?? []).length).toBeGreaterThan(0);
      }

      const db = openDatabase(path);
      expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
      // Migrations after the fixture's version may add columns (004 did): compare the columns the fixture had.
      for (const table of tables) {
        const now = rows(db, table) as Record<string, unknown>[];
        const kept = now.map((r, i) => Object.fromEntries(Object.keys(old[table]![i] ?? {}).map((k) => [k, r[k]])));
        expect(kept, table).toEqual(old[table]);
      }
      expect(rows(db, "notices")).toEqual([]);
      expect(rows(db, "staff_photos")).toEqual([]);
      expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      db.close();
    },
  );

  it("when notices and photos are written on the migrated fixture, then the schema keeps them within their limits", () => {
    const db = openDatabase(fixtureCopy("main-v6.db"));
    const store = createHallStore(db);
    const staff = (db.prepare("SELECT id FROM staff ORDER BY id LIMIT 1").get() as { id: number }).id;
    const notice = store.notices.insert({ text: "通知", publishedAt: 1_000, expiresAt: 2_000, byStaff: staff });
    expect(store.notices.inForce(1_999).map((n) => n.id)).toEqual([notice.id]);
    expect(store.notices.inForce(2_000)).toEqual([]);
    expect(() => store.notices.insert({ text: "", publishedAt: 1, expiresAt: null, byStaff: null })).toThrow(/CHECK/);
    expect(() =>
      store.notices.insert({ text: "x".repeat(301), publishedAt: 1, expiresAt: null, byStaff: null }),
    ).toThrow(/CHECK/);
    // An expiry at or before publication would be a notice nobody ever saw.
    expect(() => store.notices.insert({ text: "x", publishedAt: 5, expiresAt: 5, byStaff: null })).toThrow(/CHECK/);
    expect(store.notices.withdraw(notice.id, 1_500, staff)).toBe(true);
    expect(store.notices.withdraw(notice.id, 1_600, staff)).toBe(false);

    store.staffPhotos.put(staff, "image/png", Buffer.from([0x89, 0x50]), 1);
    expect(store.staffPhotos.facts(staff)).toEqual({
      staff_id: staff,
      media_type: "image/png",
      updated_at: 1,
      size: 2,
    });
    expect(() => store.staffPhotos.put(staff, "image/gif" as never, Buffer.from([1]), 2)).toThrow(/CHECK/);
    expect(() => store.staffPhotos.put(staff, "image/png", Buffer.alloc(204_801), 2)).toThrow(/CHECK/);
    expect(store.staffPhotos.get(staff)?.bytes).toEqual(Buffer.from([0x89, 0x50]));
    db.close();
  });
});
