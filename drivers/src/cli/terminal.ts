/**
 * Whether this process sits in the background of its terminal (`npm run virtual-hall &` at an interactive shell).
 * Reading a terminal from the background stops the whole process with SIGTTIN, and handling that signal instead
 * makes Node spin on the read at 100% CPU (tried), so a background hall must leave its terminal alone.
 */
import { readFileSync } from "node:fs";

/**
 * True when the terminal's foreground process group is not ours. Linux only (/proc/self/stat fields `pgrp` and
 * `tpgid`); elsewhere, or when the file cannot be read, false.
 */
export function inBackgroundOfTerminal(): boolean {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return false;
  }
  // The command name in parentheses may contain spaces; the fields after it are: state ppid pgrp session tty_nr tpgid.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const pgrp = Number(fields[2]);
  const tpgid = Number(fields[5]);
  // tpgid is -1 without a controlling terminal: then nothing can stop us for reading.
  return Number.isInteger(pgrp) && Number.isInteger(tpgid) && tpgid > 0 && tpgid !== pgrp;
}
