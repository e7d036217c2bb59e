/** Staff credentials (scrypt hashes only, never a PIN or password): set or reset one. Held as `ctx.store.credentials`. */
import type { Db } from "./db.ts";

export class CredentialStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      pin: db.prepare<[string, number]>("UPDATE staff SET pin_hash = ? WHERE id = ?"),
      password: db.prepare<[string, number]>("UPDATE staff SET password_hash = ? WHERE id = ?"),
    };
  }

  /** Replace a staff member's PIN hash (an encoded `hashSecret` result). */
  setPinHash(staffId: number, encoded: string): void {
    this.s.pin.run(encoded, staffId);
  }

  /** Replace a staff member's password hash (an encoded `hashSecret` result). */
  setPasswordHash(staffId: number, encoded: string): void {
    this.s.password.run(encoded, staffId);
  }
}
