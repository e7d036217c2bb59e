/**
 * The sign-in lockout policy, pure: a 6-digit PIN is guessable by anyone who may try it often enough, so a run of
 * `maxFailures` wrong PINs or passwords from one source locks that source out of that account for `lockMs` after
 * its last failure. The key is the pair (account, source), never the account alone: an unauthenticated caller
 * who locks "GW001" from their machine has locked only themself, and the admin still signs in from any other
 * machine. Records are kept by the caller (the hall-server keeps them in SQLite, see store/loginFailureStore.ts);
 * this class only says what a record means and what it becomes.
 */

/** Policy settings, all in milliseconds except the count. */
export interface LockoutOptions {
  /** Failures in one run that lock the pair (integer >= 1). */
  maxFailures: number;
  /** A failure more than this long after the previous one starts a new run (count 1). */
  windowMs: number;
  /** How long a locked pair stays locked after its last failure. */
  lockMs: number;
}

/** One (account, source) pair's current run of failures: its length and when it started and last grew (epoch ms). */
export interface FailureRun {
  failures: number;
  firstAt: number;
  lastAt: number;
}

export class LoginLockout {
  constructor(readonly options: LockoutOptions) {}

  /** Milliseconds until the pair with this run may try again at `now`; 0 when it may try now (or has no run). */
  lockedFor(run: FailureRun | undefined, now: number): number {
    if (!run || run.failures < this.options.maxFailures) return 0;
    return Math.max(0, run.lastAt + this.options.lockMs - now);
  }

  /** The run after one more failure at `now`: a failure long after the previous one starts a new run. */
  afterFailure(run: FailureRun | undefined, now: number): FailureRun {
    if (!run || now - run.lastAt > this.options.windowMs) return { failures: 1, firstAt: now, lastAt: now };
    return { failures: run.failures + 1, firstAt: run.firstAt, lastAt: Math.max(now, run.lastAt) };
  }

  /** Runs whose last failure is older than this (epoch ms) no longer count and may be forgotten. */
  forgetBefore(now: number): number {
    return now - Math.max(this.options.windowMs, this.options.lockMs);
  }
}
