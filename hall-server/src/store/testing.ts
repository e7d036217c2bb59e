/** Temporary database files for the store's tests, removed after each test. */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * Register cleanup in the calling `describe` and return makers of database paths: `tempDb()` a path to a new file
 * in a fresh directory; `fixtureCopy()` such a path holding a copy of `fixtures/main-v2.db`, the database main made
 * at schema version 2 (committed; every migration test opens it).
 */
export function useTempDatabases(): { tempDb(): string; fixtureCopy(): string } {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDb = () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-db-"));
    dirs.push(dir);
    return join(dir, "hall.db");
  };
  const fixtureCopy = () => {
    const path = tempDb();
    copyFileSync(new URL("./fixtures/main-v2.db", import.meta.url), path);
    return path;
  };
  return { tempDb, fixtureCopy };
}
