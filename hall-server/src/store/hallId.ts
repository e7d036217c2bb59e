/**
 * The hall id: a UUID given to a hall once, kept in the `settings` table under `hall_id`. Backups carry it, and a
 * restore refuses a backup whose hall id is not the target's (later the upward push identifies the hall by it too).
 */
import { randomUUID } from "node:crypto";
import type { SettingsStore } from "./settingsStore.ts";

/** The settings key of the hall id. */
export const HALL_ID_KEY = "hall_id";

/** The hall id, or undefined for a hall that has none yet (created before hall ids existed and not started since). */
export function readHallId(settings: SettingsStore): string | undefined {
  return settings.get(HALL_ID_KEY);
}

/** The hall id, created (a random UUID, stored durably) on first call. Call outside or inside a transaction. */
export function ensureHallId(settings: SettingsStore, newId: () => string = randomUUID): string {
  const existing = settings.get(HALL_ID_KEY);
  if (existing) return existing;
  const id = newId();
  settings.set(HALL_ID_KEY, id);
  return id;
}
