/**
 * Locks an account after repeated wrong PINs or passwords: a 6-digit PIN is guessable by anyone who can try it
 * often enough, so after `maxFailures` failures within `windowMs` the account refuses every attempt (right or
 * wrong) until `lockMs` after the last failure. Bounded memory; injected clock.
 */
export interface LockoutOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  maxKeys?: number;
  now?: () => number;
}

export class LoginLockout {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: LockoutOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  lockedFor(key: string): number {
    const times = this.recent(key);
    if (times.length < this.options.maxFailures) return 0;
    return Math.max(0, times.at(-1)! + this.options.lockMs - this.now());
  }

  recordFailure(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, times.slice(-this.options.maxFailures));
    // Map order is insertion order: the first key is the least recently failed one.
    if (this.failures.size > (this.options.maxKeys ?? 10_000)) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const horizon = this.now() - Math.max(this.options.windowMs, this.options.lockMs);
    return (this.failures.get(key) ?? []).filter((t) => t > horizon);
  }
}
