/** Small durable facts: the `settings` key-value table and the append-only `audit` trail. */
import type { Db } from "./db.ts";

/** Statements over `settings` and `audit`, prepared once per database. */
export class SettingsStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[string], { value: string }>("SELECT value FROM settings WHERE key = ?"),
      set: db.prepare<[string, string]>(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ),
      audit: db.prepare<[number, string, string, string]>(
        "INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
      ),
    };
  }

  get(key: string): string | undefined {
    return this.s.get.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.s.set.run(key, value);
  }

  /** Append to the audit trail: who (`staff:<id>`) did what, when (epoch ms), with a JSON detail. */
  audit(at: number, actor: string, action: string, detail: unknown): void {
    this.s.audit.run(at, actor, action, JSON.stringify(detail));
  }
}
