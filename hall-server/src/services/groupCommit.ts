/**
 * Group commit: changes that arrive together share one SQLite transaction, so one fsync covers many of them.
 *
 *   request -> submit(change) -> [queued until the next setImmediate]
 *   flush: BEGIN IMMEDIATE; each change in its own savepoint (a refused one rolls back alone); COMMIT
 *          -> publish the group's events -> answer every request
 *
 * Nothing is answered before the COMMIT returned, so an acknowledged change is on disk (synchronous=FULL) exactly as
 * with one transaction per change; only the fsync is shared. Changes must be synchronous.
 */
import type { HallEvent } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import type { HallContext } from "./context.ts";

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Largest group: bounds the latency one request can add to the others of its group. */
const MAX_GROUP = 256;

export class GroupCommitter {
  private pending: Job[] = [];
  private scheduled = false;

  constructor(private readonly ctx: HallContext) {}

  /** Run `change` in the next group; resolves after the group's COMMIT with the change's result. */
  submit<T>(change: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: change, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length >= MAX_GROUP) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.pending;
    this.pending = [];
    if (jobs.length === 0) return;
    const { ctx } = this;
    const events: HallEvent[] = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      ctx.store.begin();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    ctx.group = { events };
    try {
      for (const job of jobs) {
        try {
          const value = job.run();
          if (value instanceof Promise) throw new Error("group commit: a change must be synchronous");
          outcomes.push({ ok: true, value });
        } catch (error) {
          outcomes.push({ ok: false, value: error });
        }
      }
    } finally {
      ctx.group = undefined;
    }
    try {
      ctx.store.commit();
    } catch (error) {
      ctx.store.rollback();
      // Memory is a cache of the database: read it back.
      ctx.reloadMemory();
      ctx.log.error({ err: error, changes: jobs.length }, "group commit failed; memory rebuilt from the database");
      for (const job of jobs)
        job.reject(new AppError("internal", "the change could not be stored; nothing was changed"));
      return;
    }
    for (const e of events) ctx.bus.emit("event", e);
    jobs.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)));
  }
}
