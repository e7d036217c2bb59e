/** Migration 004 (issue 7): tickets.issued_item_id and appointments.id_type, on databases made before it. */
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./db.ts";
import { useTempDatabases } from "./testing.ts";

const sql = (name: string) => readFileSync(new URL(`./migrations/${name}`, import.meta.url), "utf8");

describe("migration 004: the item a ticket was issued for, and a booking's document type", () => {
  const { tempDb, fixtureCopy } = useTempDatabases();

  it("when main's schema-2 fixture is opened, then every ticket gets the item of its first request as its issued item and the rest is intact", () => {
    const path = fixtureCopy();
    const before = new Database(path, { readonly: true });
    const tickets = before.prepare("SELECT * FROM tickets ORDER BY id").all() as { id: number; item_id: number }[];
    const appointments = before.prepare("SELECT * FROM appointments ORDER BY id").all();
    before.close();
    expect(tickets.length).toBeGreaterThan(0);

    const db = openDatabase(path);
    const after = db.prepare("SELECT * FROM tickets ORDER BY id").all() as Record<string, unknown>[];
    expect(after.map(({ issued_item_id: _issued, ...rest }) => rest)).toEqual(tickets);
    const firstRequestItem = db.prepare<[number], { item_id: number }>(
      "SELECT item_id FROM requests WHERE ticket_id = ? ORDER BY id LIMIT 1",
    );
    for (const t of after) expect(t.issued_item_id).toBe(firstRequestItem.get(t.id as number)!.item_id);
    expect(
      (db.prepare("SELECT * FROM appointments ORDER BY id").all() as Record<string, unknown>[]).map(
        ({ id_type: _type, ...rest }) => rest,
      ),
    ).toEqual(appointments);
    db.close();
  });

  it("when a schema-2 database holds a transferred ticket, then its issued item is the one it was issued for, not its current one", () => {
    const path = tempDb();
    const v2 = new Database(path);
    v2.exec(sql("001_initial.sql"));
    v2.exec(sql("002_ticket_agent.sql"));
    v2.pragma("user_version = 2");
    v2.exec(`INSERT INTO departments (code, name) VALUES ('D', 'dept');
      INSERT INTO items (id, code, name, department_code, prefix, kind, hours, typical_minutes, handle_estimate)
        VALUES (1, 'I1', 'one', 'D', 'A', 'immediate', '[]', 5, 5), (2, 'I2', 'two', 'D', 'A', 'immediate', '[]', 5, 5);
      INSERT INTO tickets (id, day, number, channel, priority, state, item_id, arrived_at, local_minute, state_at, public_token)
        VALUES (1, '2026-11-25', 'A001', 'kiosk', 'normal', 'waiting', 2, 0, 600, 0, 'tok1'),
               (2, '2026-11-25', 'A002', 'kiosk', 'normal', 'waiting', 1, 0, 600, 0, 'tok2');
      INSERT INTO requests (ticket_id, item_id, state, created_at) VALUES (1, 1, 'transferred', 0), (1, 2, 'waiting', 1);
      INSERT INTO appointments (item_id, slot_start, slot_end, code, state, booked_by, created_at)
        VALUES (1, 0, 1, 'ABCDEFGH', 'booked', 'gateway', 0);`);
    v2.close();

    const db = openDatabase(path);
    expect(db.prepare("SELECT id, item_id, issued_item_id FROM tickets ORDER BY id").all()).toEqual([
      { id: 1, item_id: 2, issued_item_id: 1 },
      // No request recorded: its current item is all there is.
      { id: 2, item_id: 1, issued_item_id: 1 },
    ]);
    expect(db.prepare("SELECT code, id_type FROM appointments").all()).toEqual([{ code: "ABCDEFGH", id_type: null }]);

    // A ticket inserted without the column was issued for its item; once set the issued item never changes.
    db.exec(`INSERT INTO tickets (day, number, channel, priority, state, item_id, arrived_at, local_minute, state_at, public_token)
      VALUES ('2026-11-25', 'A003', 'kiosk', 'normal', 'waiting', 2, 0, 600, 0, 'tok3')`);
    expect(db.prepare("SELECT issued_item_id FROM tickets WHERE number = 'A003'").get()).toEqual({ issued_item_id: 2 });
    expect(() => db.prepare("UPDATE tickets SET issued_item_id = 2 WHERE id = 1").run()).toThrow(/never changes/);
    db.prepare("UPDATE tickets SET item_id = 1 WHERE id = 1").run();
    expect(db.prepare("SELECT issued_item_id FROM tickets WHERE id = 1").get()).toEqual({ issued_item_id: 1 });
    db.close();
  });
});
