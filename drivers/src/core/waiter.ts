import { DriverError, DriverErrorCode } from "./errors.ts";

/**
 * Matches replies to requests (after zigbee-herdsman's waitress): `wait(match, ms)` resolves with the first
 * message for which `match` is true, or rejects with DriverError(Timeout). `reject(error)` fails every waiter,
 * e.g. on disconnect.
 */
export class Waiter<M> {
  private readonly pending = new Set<{
    match: (message: M) => boolean;
    resolve: (message: M) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
  }>();

  wait(match: (message: M) => boolean, timeoutMs: number, what = "reply"): Promise<M> {
    return new Promise<M>((resolve, reject) => {
      const entry = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(entry);
          reject(new DriverError(DriverErrorCode.Timeout, `no ${what} within ${timeoutMs} ms`, { timeoutMs }));
        }, timeoutMs),
      };
      this.pending.add(entry);
    });
  }

  /** Offer a received message; returns true when a waiter took it. */
  offer(message: M): boolean {
    for (const entry of this.pending) {
      if (entry.match(message)) {
        clearTimeout(entry.timer);
        this.pending.delete(entry);
        entry.resolve(message);
        return true;
      }
    }
    return false;
  }

  rejectAll(error: Error): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
