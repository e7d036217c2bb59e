/**
 * CPU time a process has used, from Linux /proc/<pid>/stat. On a shared, noisy machine the server's CPU per
 * request is steadier than its throughput, and tells whether a limit is the CPU or the disk.
 */
import { readFileSync } from "node:fs";

// USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux build (proc(5)).
const MS_PER_TICK = 10;

/**
 * User + system CPU milliseconds from the text of /proc/<pid>/stat, or null when it does not parse. The command
 * name (field 2) may itself contain spaces and parentheses, so fields are counted from the LAST ") ".
 */
export function parseProcStatCpuMs(stat: string): number | null {
  const close = stat.lastIndexOf(") ");
  if (close < 0) return null;
  // After the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
  const fields = stat.slice(close + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime) || fields[12] === undefined) return null;
  return (utime + stime) * MS_PER_TICK;
}

/** CPU milliseconds used so far by process `pid`, or null when unavailable (not Linux, process gone). */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    return parseProcStatCpuMs(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}
