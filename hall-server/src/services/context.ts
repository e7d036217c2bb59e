/**
 * What every use case needs, and `commit()`: one SQLite transaction per state change that also appends the events
 * describing it. Events are published and in-memory indexes updated only after the change is in, so a refused or
 * failed change leaves nothing behind anywhere.
 *
 * Inside a group commit (see groupCommit.ts) a change is a savepoint of the group's transaction: its in-memory
 * updates apply when the savepoint is released (later changes of the group must see them), its events wait for the
 * group's COMMIT, and if that COMMIT fails the group rebuilds memory from the database (`reloadMemory`).
 *
 * Every SQL statement lives in `store/`: use cases reach the database only through `ctx.store`'s repositories.
 */
import { dirname } from "node:path";
import type { HallEvent, HallEventBody } from "@onewindow/contract";
import type { Logger } from "pino";
import type { ResolvedConfig } from "../config.ts";
import type { Db } from "../store/db.ts";
import type { EventLog } from "../store/eventLog.ts";
import { createHallStore, type HallStore } from "../store/hallStore.ts";
import { WaitingQueues, type ServiceDay } from "../domain/index.ts";
import type { Keyring } from "../security/index.ts";
import { CatalogCache } from "./catalogCache.ts";
import { expireEndedDays } from "./dayEnd.ts";
import { HallBus } from "./eventBus.ts";
import { waitingTicketOf } from "./queueIndex.ts";
import { serviceDay } from "./serviceDay.ts";
import { createVoice, type Voice } from "../voice/voice.ts";

export interface Tx {
  now: number;
  emit(body: HallEventBody): HallEvent;
  /** Run after a successful commit (in-memory index updates). */
  after(fn: () => void): void;
}

export interface HallContext {
  /** The database handle, for the composition root and tests; use cases go through `store`. */
  db: Db;
  /** Every repository, prepared once on `db`. */
  store: HallStore;
  config: ResolvedConfig;
  clock: () => number;
  keyring: Keyring;
  log: Logger;
  /** The event log (the same object as `store.events`). */
  events: EventLog;
  /** Emits "event" (HallEvent) after each commit and "credentials" when one may have ended; subscribers are isolated. */
  bus: HallBus;
  /** Today's waiting tickets: never a ticket of an ended service day (dayEnd.ts takes those out). */
  queues: WaitingQueues;
  /**
   * The service day the waiting index was last opened for (dayEnd.ts): while the clock's day equals it, a change
   * needs no day-end work. Undefined at boot and after `reloadMemory`, so the next change checks again.
   */
  openDay: ServiceDay | undefined;
  catalog: CatalogCache;
  /**
   * "http://host:port" the server listens on (set by `start()`; this machine's LAN address for a wildcard listen
   * address, api/listenOrigin.ts), for links printed on tickets when the config has no `publicBaseUrl`; undefined
   * before it listens.
   */
  listenOrigin: string | undefined;
  /**
   * Run one change in one transaction. The first commit after the hall's local midnight first expires the tickets
   * still waiting from ended days (dayEnd.ts), in a transaction of its own.
   */
  commit<T>(fn: (tx: Tx) => T): T;
  /**
   * Memory is a cache of the database: rebuild the waiting index (today's waiting tickets) and the catalogue from
   * it, at boot and after a failed group COMMIT. Returns how many tickets wait.
   */
  reloadMemory(): number;
  /** The spoken call announcements (voice/voice.ts); started by the server's `start()`, "off" until then. */
  voice: Voice;
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
  const store = createHallStore(deps.db);
  const events = store.events;
  const bus = new HallBus(deps.log);
  /** One change: a transaction (a savepoint inside a group) that also appends its events; see the file comment. */
  const change = <T>(fn: (tx: Tx) => T): T => {
    const emitted: HallEvent[] = [];
    const afters: (() => void)[] = [];
    const now = deps.clock();
    const result = store.transaction(() =>
      fn({
        now,
        emit: (body) => (emitted.push(events.append(body, now)), emitted.at(-1)!),
        after: (f) => afters.push(f),
      }),
    );
    for (const f of afters) f();
    if (ctx.group) ctx.group.events.push(...emitted);
    else for (const e of emitted) bus.emit("event", e);
    return result;
  };
  const ctx: HallContext = {
    ...deps,
    store,
    events,
    bus,
    queues: new WaitingQueues(),
    openDay: undefined,
    catalog: new CatalogCache(store.catalog),
    listenOrigin: undefined,
    voice: createVoice({ config: deps.config.voice, dataDir: dirname(deps.config.dbPath), log: deps.log }),
    group: undefined,
    commit<T>(fn: (tx: Tx) => T): T {
      // The first change after the hall's local midnight closes the ended days first, in a transaction of its own,
      // so a change that is then refused (call-next with nobody waiting) cannot undo the expiry.
      if (ctx.openDay !== serviceDay(ctx, deps.clock())) change((tx) => expireEndedDays(ctx, tx));
      return change(fn);
    },
    reloadMemory(): number {
      ctx.catalog.reload();
      const queues = new WaitingQueues();
      const rows = store.tickets.waitingOfDay(serviceDay(ctx, deps.clock()));
      for (const r of rows) queues.add(waitingTicketOf(r));
      ctx.queues = queues;
      // What the database holds may be older than the last day opened (a rolled-back group): check again.
      ctx.openDay = undefined;
      return rows.length;
    },
  };
  return ctx;
}
