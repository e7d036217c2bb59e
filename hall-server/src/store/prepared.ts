import type { Statement } from "better-sqlite3";
import type { Db } from "./db.ts";

const caches = new WeakMap<Db, Map<string, Statement>>();

/** A statement prepared once per database and SQL text (preparing costs more than running small queries). */
export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Statement>()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s as unknown as Statement<P, R>;
}
