/**
 * The hall id: a random UUID (RFC 9562 v4) made when the hall is created, kept in the `settings` table under
 * `hall_id`. Backups name it and restores check it; the upward push will carry it. A hall created before hall ids
 * existed gets one the first time it is opened for writing (`ensureHallId`), so no migration is needed.
 */
import { randomUUID } from "node:crypto";
import type { SettingsStore } from "../store/settingsStore.ts";
import type { HallContext } from "./context.ts";

/** The `settings` key that holds the hall id. */
export const HALL_ID_KEY = "hall_id";

/** The hall id stored in `settings`, or undefined for an old hall never opened for writing since (read-only use). */
export function readHallId(settings: SettingsStore): string | undefined {
  return settings.get(HALL_ID_KEY);
}

/**
 * The hall id, created (one transaction, no event) if the hall has none yet. Idempotent: every later call returns
 * the same UUID string, e.g. "0f8fad5b-d9cb-469f-a165-70867728950e". Needs a writable database.
 */
export function ensureHallId(ctx: HallContext): string {
  const existing = readHallId(ctx.store.settings);
  if (existing) return existing;
  return ctx.store.transaction(() => ctx.store.settings.setIfAbsent(HALL_ID_KEY, randomUUID()));
}

/** The hall id of an open hall (created on first open, see `ensureHallId`). */
export function hallId(ctx: HallContext): string {
  return ensureHallId(ctx);
}
