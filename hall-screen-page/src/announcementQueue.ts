/**
 * The hall screen's announcement queue: every call is spoken whole, one after another, never two at once and never
 * one cut short by the next (issue 11 #5).
 *
 *   ticket.called --push--> [waiting...] --one at a time--> speak(a) (audio, browser voice or text only) --> next
 *
 * `speak` resolves when the announcement has finished (its audio ended, or its caption's time ran out); the queue
 * only then starts the next. A call is spoken once however often it is pushed (a replay after a reconnect pushes it
 * again). After a long outage the replay may hold many calls: those older than `staleAfterMs` behind the newest call
 * (both on the hall's clock, so the screen's own clock does not matter) are skipped, not read out minutes late.
 */

/** One announcement: the ticket.called event's seq (the voice endpoint's key), its time and what it says. */
export interface Announcement {
  readonly seq: number;
  /** Epoch ms on the hall's clock (the event's `at`). */
  readonly at: number;
  readonly text: { readonly zh: string; readonly en: string };
}

/** Speaks `announcement`; resolves when it has finished. A rejection counts as finished (the queue moves on). */
export type Speak = (announcement: Announcement) => Promise<void>;

export interface AnnouncementQueue {
  /** Queue `announcement` unless its seq was queued before; starts speaking at once when idle. */
  push(announcement: Announcement): void;
  /** The announcement being spoken now, or null when idle. */
  readonly current: Announcement | null;
  /** How many wait behind the current one. */
  readonly waiting: number;
  /** Resolves once nothing is being spoken and nothing waits. */
  idle(): Promise<void>;
}

/** Seqs remembered for de-duplication: far more than a replay could hold calls of one outage. */
const REMEMBERED = 500;

/**
 * A queue speaking through `speak`. `onChange` is told the current announcement whenever it changes (null: idle), so
 * the page shows the caption exactly while it is spoken; `onError` gets a `speak` failure (the queue goes on).
 * `staleAfterMs` (default 60 000): how far behind the newest pushed call one may be and still be spoken.
 */
export function createAnnouncementQueue(options: {
  readonly speak: Speak;
  readonly onChange?: (current: Announcement | null) => void;
  readonly onError?: (error: unknown, announcement: Announcement) => void;
  readonly staleAfterMs?: number;
}): AnnouncementQueue {
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const pending: Announcement[] = [];
  const seen = new Set<number>();
  let newestAt = 0;
  let current: Announcement | null = null;
  let idleWaiters: (() => void)[] = [];

  const setCurrent = (a: Announcement | null) => {
    current = a;
    options.onChange?.(a);
  };

  async function drain(): Promise<void> {
    for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
      if (newestAt - next.at > staleAfterMs) continue;
      setCurrent(next);
      try {
        await options.speak(next);
      } catch (error) {
        options.onError?.(error, next);
      }
    }
    setCurrent(null);
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  return {
    push(announcement) {
      if (seen.has(announcement.seq)) return;
      seen.add(announcement.seq);
      if (seen.size > REMEMBERED) seen.delete(seen.values().next().value!);
      newestAt = Math.max(newestAt, announcement.at);
      pending.push(announcement);
      if (current === null) void drain();
    },
    get current() {
      return current;
    },
    get waiting() {
      return pending.length;
    },
    idle() {
      if (current === null && pending.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
