/**
 * Resident memory of a process and the open-files limit, from Linux /proc: the hall-server's RSS is what a hall's
 * machine must hold, whatever the server's own heap statistics say (sockets' kernel buffers aside).
 */
import { readFileSync } from "node:fs";

/** Resident set size in bytes from the text of /proc/<pid>/status (its `VmRSS: <n> kB` line), or null. */
export function parseVmRssBytes(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

/** Resident set size of process `pid` in bytes, or null when unavailable (not Linux, process gone). */
export function processRssBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    return parseVmRssBytes(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return null;
  }
}

/** The soft "Max open files" limit from the text of /proc/<pid>/limits; Infinity for "unlimited"; null if absent. */
export function parseOpenFilesLimit(limits: string): number | null {
  const m = /^Max open files\s+(\S+)/m.exec(limits);
  if (!m) return null;
  return m[1] === "unlimited" ? Infinity : Number.isInteger(Number(m[1])) ? Number(m[1]) : null;
}

/** This process's soft open-files limit (`ulimit -n`, inherited by the server it spawns), or null when unknown. */
export function openFilesLimit(): number | null {
  try {
    return parseOpenFilesLimit(readFileSync("/proc/self/limits", "utf8"));
  } catch {
    return null;
  }
}
