import Database from "better-sqlite3";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CatalogStore, exportCatalog } from "./catalogStore.ts";
import { openDatabase } from "./db.ts";
import { useTempDatabases } from "./testing.ts";
import { LoginFailureStore } from "./loginFailureStore.ts";

describe("schema migrations", () => {
  const { tempDb, fixtureCopy } = useTempDatabases();

  it("when a version-1 database with tickets is opened, then 002 adds tickets.agent = 0 to them and records version 2", () => {
    const path = tempDb();
    const v1 = new Database(path);
    v1.exec(readFileSync(new URL("./migrations/001_initial.sql", import.meta.url), "utf8"));
    v1.pragma("user_version = 1");
    v1.exec(`INSERT INTO departments (code, name) VALUES ('D', 'dept');
      INSERT INTO items (id, code, name, department_code, prefix, kind, hours, typical_minutes, handle_estimate)
        VALUES (1, 'I', 'item', 'D', 'A', 'immediate', '[]', 5, 5);
      INSERT INTO tickets (day, number, channel, priority, state, item_id, arrived_at, local_minute, state_at, public_token)
        VALUES ('2026-11-25', 'A001', 'staff', 'normal', 'waiting', 1, 0, 600, 0, 'tok');`);
    v1.close();

    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(2);
    expect(db.prepare("SELECT number, agent FROM tickets").all()).toEqual([{ number: "A001", agent: 0 }]);
    expect(() => db.prepare("UPDATE tickets SET agent = 2").run()).toThrow(/CHECK/);
    db.close();
  });

  it("when a database made by main at schema version 2 (committed fixture) is opened, then every migration applies and its data is intact", () => {
    const path = fixtureCopy();
    const before = new Database(path, { readonly: true });
    const rows = (db: Database.Database) => ({
      tickets: db
        .prepare("SELECT id, day, number, state, priority, item_id, name_masked, id_masked FROM tickets ORDER BY id")
        .all(),
      events: db.prepare("SELECT seq, type, data FROM events ORDER BY seq").all(),
      staff: db.prepare("SELECT employee_no, role, active FROM staff ORDER BY id").all(),
      requests: db.prepare("SELECT ticket_id, item_id, state, handled FROM requests ORDER BY id").all(),
    });
    const old = rows(before);
    expect(before.pragma("user_version", { simple: true })).toBe(2);
    before.close();
    expect(old.tickets).toHaveLength(5);
    expect(old.events).toHaveLength(15);

    const db = openDatabase(path);
    const latest = Math.max(
      ...readdirSync(new URL("./migrations/", import.meta.url)).map((f) => Number(f.slice(0, 3))),
    );
    expect(db.pragma("user_version", { simple: true })).toBe(latest);
    expect(rows(db)).toEqual(old);
    db.close();
  });

  it("when the main-v2 fixture is opened, then 003 adds login_failures, empty and usable, beside the intact data", () => {
    const path = fixtureCopy();
    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(3);
    expect(db.prepare("SELECT count(*) AS n FROM tickets").get()).toEqual({ n: 5 });
    expect(db.prepare("SELECT count(*) AS n FROM login_failures").get()).toEqual({ n: 0 });
    const failures = new LoginFailureStore(db);
    failures.save("GW001", "127.0.0.2", { failures: 2, firstAt: 1_000, lastAt: 2_000 }, 0);
    failures.save("GW001", "127.0.0.3", { failures: 5, firstAt: 1_000, lastAt: 3_000 }, 0);
    expect(failures.run("GW001", "127.0.0.2")).toEqual({ failures: 2, firstAt: 1_000, lastAt: 2_000 });
    expect(failures.runsOfAtLeast(5, 0)).toEqual([
      { employeeNo: "GW001", source: "127.0.0.3", failures: 5, firstAt: 1_000, lastAt: 3_000 },
    ]);
    // Saving prunes runs older than the horizon given.
    failures.save("GW002", "127.0.0.2", { failures: 1, firstAt: 9_000, lastAt: 9_000 }, 2_500);
    expect(failures.run("GW001", "127.0.0.2")).toBeUndefined();
    expect(failures.clearAccount("GW001")).toBe(1);
    expect(() => db.prepare("INSERT INTO login_failures VALUES ('X', 'y', 0, 0, 0)").run()).toThrow(/CHECK/);
    db.close();
  });

  it("when the main-v2 fixture is opened, then 005 gives every item its department's group and v2 fields, data intact", () => {
    const path = fixtureCopy();
    const before = new Database(path, { readonly: true });
    const items = (db: Database.Database) =>
      db
        .prepare("SELECT id, code, name, department_code, kind, promised_days, hours, active FROM items ORDER BY id")
        .all();
    const old = items(before);
    before.close();
    expect(old).toHaveLength(46);

    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(5);
    expect(items(db)).toEqual(old);
    const catalog = exportCatalog(db);
    expect(catalog.schemaVersion).toBe(2);
    // One group per department that has items, named after it, with the default target wait.
    expect(catalog.groups).toHaveLength(new Set(catalog.items.map((i) => i.departmentCode)).size);
    expect(catalog.groups).toContainEqual({
      code: "11441702007046212W",
      name: "区政务服务数据管理局",
      targetWaitMinutes: 15,
    });
    for (const item of catalog.items) {
      expect(item.groupCode, item.code).toBe(item.departmentCode);
      expect(item, item.code).toMatchObject({ category: "", handlingCode: "", legalLimit: null, localOnly: false });
      expect(item.promisedLimit.unit, item.code).toBe("workingDays");
    }
    expect(catalog.items.find((i) => i.code === "11441702007046212W200010700100")?.promisedLimit).toEqual({
      value: 10,
      unit: "workingDays",
    });
    expect(new CatalogStore(db).all().groups.map((g) => g.code)).toEqual(catalog.groups.map((g) => g.code));
    expect(() => db.prepare("UPDATE items SET promised_unit = 'weeks'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE items SET local_only = 2").run()).toThrow(/CHECK/);
    db.close();
  });

  describe("file permissions", () => {
    const modes = (path: string) =>
      [path, `${path}-wal`, `${path}-shm`].map((f) =>
        existsSync(f) ? (statSync(f).mode & 0o777).toString(8) : "missing",
      );
    let umask: number;
    beforeEach(() => {
      // The usual default: without care, new files come out world-readable (0644).
      umask = process.umask(0o022);
    });
    afterEach(() => process.umask(umask));

    it("when the database is created under umask 022 and written to, then hall.db, -wal and -shm are all 0600", () => {
      const path = tempDb();
      const db = openDatabase(path);
      db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
      expect(modes(path)).toEqual(["600", "600", "600"]);
      db.close();
    });

    it("when a database made world-readable by an earlier version is opened, then it and its -wal and -shm become 0600", () => {
      const path = tempDb();
      const old = new Database(path);
      old.pragma("journal_mode = WAL");
      old.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
      expect(modes(path)).toEqual(["644", "644", "644"]);
      const db = openDatabase(path);
      db.prepare("INSERT INTO t VALUES (2)").run();
      expect(modes(path)).toEqual(["600", "600", "600"]);
      db.close();
      old.close();
    });
  });
});
