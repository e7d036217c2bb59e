/**
 * What every use case needs, and `commit()`: one SQLite transaction per state change that also appends the events
 * describing it. Events are published and in-memory indexes updated only after the commit returned, so a refused
 * or failed change leaves nothing behind anywhere.
 */
import { EventEmitter } from "node:events";
import type { HallEvent, HallEventBody } from "@onewindow/contract";
import type { Logger } from "pino";
import type { ResolvedConfig } from "../config.ts";
import type { Db } from "../store/db.ts";
import { EventLog } from "../store/eventLog.ts";
import { WaitingQueues } from "../domain/index.ts";
import type { Keyring } from "../security/index.ts";
import { CatalogCache } from "./catalogCache.ts";

export interface Tx {
  now: number;
  emit(body: HallEventBody): HallEvent;
  /** Run after a successful commit (in-memory index updates). */
  after(fn: () => void): void;
}

export interface HallContext {
  db: Db;
  config: ResolvedConfig;
  clock: () => number;
  keyring: Keyring;
  log: Logger;
  events: EventLog;
  /** Emits "event" (HallEvent) after each commit. */
  bus: EventEmitter<{ event: [HallEvent] }>;
  queues: WaitingQueues;
  catalog: CatalogCache;
  commit<T>(fn: (tx: Tx) => T): T;
}

export function createContext(deps: {
  db: Db;
  config: ResolvedConfig;
  clock: () => number;
  keyring: Keyring;
  log: Logger;
}): HallContext {
  const events = new EventLog(deps.db);
  const bus = new EventEmitter<{ event: [HallEvent] }>();
  bus.setMaxListeners(0);
  const ctx: HallContext = {
    ...deps,
    events,
    bus,
    queues: new WaitingQueues(),
    catalog: new CatalogCache(deps.db),
    commit<T>(fn: (tx: Tx) => T): T {
      const emitted: HallEvent[] = [];
      const afters: (() => void)[] = [];
      const now = deps.clock();
      const result = deps.db.transaction(() =>
        fn({
          now,
          emit: (body) => (emitted.push(events.append(body, now)), emitted.at(-1)!),
          after: (f) => afters.push(f),
        }),
      )();
      for (const f of afters) f();
      for (const e of emitted) bus.emit("event", e);
      return result;
    },
  };
  return ctx;
}
