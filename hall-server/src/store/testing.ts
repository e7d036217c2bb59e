/** Temporary database files for the store's tests, removed after each test. */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * The committed databases made by main (never edited by hand): `main-v2.db` at schema version 2 (every migration
 * test opens it), `main-v6.db` at schema 6, the main before migration 007, with a day's activity in every table it
 * had (tickets called, served, transferred; kiosk reservations printed, voided and open; a device command; skills).
 */
export type MainFixture = "main-v2.db" | "main-v6.db";

/**
 * Register cleanup in the calling `describe` and return makers of database paths: `tempDb()` a path to a new file
 * in a fresh directory; `fixtureCopy(name)` such a path holding a copy of the committed fixture `name` (default
 * `main-v2.db`).
 */
export function useTempDatabases(): { tempDb(): string; fixtureCopy(name?: MainFixture): string } {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDb = () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-db-"));
    dirs.push(dir);
    return join(dir, "hall.db");
  };
  const fixtureCopy = (name: MainFixture = "main-v2.db") => {
    const path = tempDb();
    copyFileSync(new URL(`./fixtures/${name}`, import.meta.url), path);
    return path;
  };
  return { tempDb, fixtureCopy };
}
