/** The `audit` table: who did what (actor "staff:<id>" or "cli"), append-only. Held on the context as `ctx.store.audit`. */
import type { Db } from "./db.ts";

export class AuditLog {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string, string]>(
      "INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
    );
  }

  /** Append one entry; `detail` is stored as JSON. Call inside the change's transaction. */
  record(at: number, actor: string, action: string, detail: unknown): void {
    this.insert.run(at, actor, action, JSON.stringify(detail));
  }
}
