/**
 * Failed sign-ins per (account, source): table `login_failures` (migration 003). Statements are prepared once;
 * each write is one statement or one transaction of its own (a failure is recorded even though the sign-in that
 * caused it is refused, so it cannot share the refused request's transaction).
 */
import type { FailureRun } from "../security/loginLockout.ts";
import type { Db } from "./db.ts";

/** One row: the pair, and its run of failures (epoch ms). */
export interface LoginFailureRow {
  employeeNo: string;
  source: string;
  failures: number;
  firstAt: number;
  lastAt: number;
}

type Raw = { employee_no: string; source: string; failures: number; first_at: number; last_at: number };
const fromRaw = (r: Raw): LoginFailureRow => ({
  employeeNo: r.employee_no,
  source: r.source,
  failures: r.failures,
  firstAt: r.first_at,
  lastAt: r.last_at,
});

export class LoginFailureStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare<[string, string], Raw>("SELECT * FROM login_failures WHERE employee_no = ? AND source = ?"),
      put: db.prepare<[string, string, number, number, number]>(
        `INSERT INTO login_failures (employee_no, source, failures, first_at, last_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(employee_no, source) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at,
           last_at = excluded.last_at`,
      ),
      clearPair: db.prepare<[string, string]>("DELETE FROM login_failures WHERE employee_no = ? AND source = ?"),
      clearAccount: db.prepare<[string]>("DELETE FROM login_failures WHERE employee_no = ?"),
      prune: db.prepare<[number]>("DELETE FROM login_failures WHERE last_at < ?"),
      atLeast: db.prepare<[number, number], Raw>(
        "SELECT * FROM login_failures WHERE failures >= ? AND last_at >= ? ORDER BY last_at DESC, employee_no, source",
      ),
    };
  }

  /** The pair's run, if it has one. */
  run(employeeNo: string, source: string): FailureRun | undefined {
    const r = this.s.get.get(employeeNo, source);
    return r && { failures: r.failures, firstAt: r.first_at, lastAt: r.last_at };
  }

  /** Store the pair's new run and forget every run whose last failure is before `forgetBefore` (one transaction). */
  save(employeeNo: string, source: string, run: FailureRun, forgetBefore: number): void {
    this.db.transaction(() => {
      this.s.prune.run(forgetBefore);
      this.s.put.run(employeeNo, source, run.failures, run.firstAt, run.lastAt);
    })();
  }

  /** Forget the pair's run (after a right PIN or password from that source). */
  clearPair(employeeNo: string, source: string): void {
    this.s.clearPair.run(employeeNo, source);
  }

  /** Forget every run of the account (a supervisor's unlock); returns how many sources were cleared. */
  clearAccount(employeeNo: string): number {
    return this.s.clearAccount.run(employeeNo).changes;
  }

  /** Runs of at least `failures` whose last failure is at or after `since`, most recent first. */
  runsOfAtLeast(failures: number, since: number): LoginFailureRow[] {
    return this.s.atLeast.all(failures, since).map(fromRaw);
  }
}
