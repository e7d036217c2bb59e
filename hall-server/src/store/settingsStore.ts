/** Small durable facts: the `settings` key-value table. */
import type { Db } from "./db.ts";

/** Statements over `settings`, prepared once per database. */
export class SettingsStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[string], { value: string }>("SELECT value FROM settings WHERE key = ?"),
      insertIfAbsent: db.prepare<[string, string]>(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
      ),
      set: db.prepare<[string, string]>(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ),
    };
  }

  get(key: string): string | undefined {
    return this.s.get.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.s.set.run(key, value);
  }

  /** Store `value` under `key` unless the key already has one; returns the value the table holds afterwards. */
  setIfAbsent(key: string, value: string): string {
    this.s.insertIfAbsent.run(key, value);
    return this.get(key) ?? value;
  }
}
