/** The station's device token on disk (0600): read at start, written at pairing, removed when the hall revokes it. */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

/** The token in `path`, or undefined when there is none (not paired). */
export function readToken(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const token = readFileSync(path, "utf8").trim();
  return token === "" ? undefined : token;
}

/** Write the token so that no moment exists where the file is readable by others or half-written. */
export function writeToken(path: string, token: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, token + "\n", { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Forget the token (the hall revoked the station). */
export function removeToken(path: string): void {
  rmSync(path, { force: true });
}
