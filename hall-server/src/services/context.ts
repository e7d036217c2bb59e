/**
 * What every use case needs, and `commit()`: one SQLite transaction per state change that also appends the events
 * describing it. Events are published and in-memory indexes updated only after the change is in, so a refused or
 * failed change leaves nothing behind anywhere.
 *
 * Inside a group commit (see groupCommit.ts) a change is a savepoint of the group's transaction: its in-memory
 * updates apply when the savepoint is released (later changes of the group must see them), its events wait for the
 * group's COMMIT, and if that COMMIT fails the group rebuilds memory from the database.
 */
import type { HallEvent, HallEventBody } from "@onewindow/contract";
import type { Logger } from "pino";
import type { ResolvedConfig } from "../config.ts";
import type { Db } from "../store/db.ts";
import { EventLog } from "../store/eventLog.ts";
import { WaitingQueues } from "../domain/index.ts";
import type { Keyring } from "../security/index.ts";
import { CatalogCache } from "./catalogCache.ts";
import { HallBus } from "./eventBus.ts";

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
  /** Emits "event" (HallEvent) after each commit and "credentials" when one may have ended; subscribers are isolated. */
  bus: HallBus;
  queues: WaitingQueues;
  catalog: CatalogCache;
  commit<T>(fn: (tx: Tx) => T): T;
  /** Set while a group commit runs: events of its changes, published after its COMMIT. */
  group: { events: HallEvent[] } | undefined;
}

export function createContext(deps: {
  db: Db;
  config: ResolvedConfig;
  clock: () => number;
  keyring: Keyring;
  log: Logger;
}): HallContext {
  const events = new EventLog(deps.db);
  const bus = new HallBus(deps.log);
  const ctx: HallContext = {
    ...deps,
    events,
    bus,
    queues: new WaitingQueues(),
    catalog: new CatalogCache(deps.db),
    group: undefined,
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
      if (ctx.group) ctx.group.events.push(...emitted);
      else for (const e of emitted) bus.emit("event", e);
      return result;
    },
  };
  return ctx;
}
