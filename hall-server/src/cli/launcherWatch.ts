/**
 * A hall started through npm (`npm run demo`, `npx hall-server start`) runs as npm -> sh -c -> node, and npm exits
 * on SIGTERM without passing it on: `kill` of the npm process would leave the server running, orphaned, holding its
 * port. So a server that npm launched stops when its parent goes (its parent pid changes). A server started any
 * other way (systemd, `nohup hall-server start &`, a test's shell) is not watched: it must outlive the shell that
 * started it. npm is recognised by its process title ("npm run …", "npm exec …"), read from Linux's /proc; where
 * /proc is missing nothing is watched.
 */
import { readFileSync } from "node:fs";

/** How to look at another process: its command line (NUL-separated words joined by spaces) and its parent pid. */
export interface ProcessTable {
  commandLine(pid: number): string | undefined;
  parentOf(pid: number): number | undefined;
}

/** The process table of Linux's /proc; undefined answers where a process or /proc is gone. */
export const procTable: ProcessTable = {
  commandLine: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    } catch {
      return undefined;
    }
  },
  parentOf: (pid) => {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return undefined;
    }
  },
};

const isNpm = (commandLine: string | undefined) => /^npm( |$)/.test(commandLine ?? "");
const isShell = (commandLine: string | undefined) =>
  /^(\/bin\/|\/usr\/bin\/)?(sh|bash|dash) -c /.test(commandLine ?? "");

/** True when `parent` is npm, or a `sh -c` that npm started (npm runs scripts and bins through a shell). */
export function launchedByNpm(parent: number, table: ProcessTable): boolean {
  const line = table.commandLine(parent);
  if (isNpm(line)) return true;
  const grandparent = table.parentOf(parent);
  return isShell(line) && grandparent !== undefined && isNpm(table.commandLine(grandparent));
}

/**
 * When launched by npm (see `launchedByNpm`), call `onGone` once the parent process has gone, checked every
 * `intervalMs` (default 1000 ms) by comparing `parentPid()` with its value now. Returns a function that stops
 * watching; the timer never keeps the process alive.
 */
export function watchLauncher(
  onGone: () => void,
  options: { table?: ProcessTable; parentPid?: () => number; intervalMs?: number } = {},
): () => void {
  const parentPid = options.parentPid ?? (() => process.ppid);
  const launcher = parentPid();
  if (!launchedByNpm(launcher, options.table ?? procTable)) return () => undefined;
  const timer = setInterval(() => {
    if (parentPid() === launcher) return;
    clearInterval(timer);
    onGone();
  }, options.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
