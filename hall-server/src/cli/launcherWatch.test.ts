import { afterEach, describe, expect, it, vi } from "vitest";
import { launchedByNpm, procTable, watchLauncher, type ProcessTable } from "./launcherWatch.ts";

/** A process table from a list of [pid, parent pid, command line]. */
function table(rows: [number, number, string][]): ProcessTable {
  const byPid = new Map(rows.map(([pid, parent, line]) => [pid, { parent, line }]));
  return { commandLine: (pid) => byPid.get(pid)?.line, parentOf: (pid) => byPid.get(pid)?.parent };
}

const npmRun = table([
  [10, 1, "npm run demo --port 8080"],
  [11, 10, "sh -c node hall-server/bin/hall-server.js demo --port 8080"],
]);
const testShell = table([
  [20, 1, "node node_modules/vitest/vitest.mjs"],
  [21, 20, "bash -c hall-server start --config hall/config.json &"],
]);

describe("a hall launched by npm stops with npm", () => {
  afterEach(() => vi.useRealTimers());

  it("when npm launched the server through sh -c and npm exits (the parent pid changes), then it is told to stop, once", async () => {
    vi.useFakeTimers();
    let ppid = 11;
    const onGone = vi.fn();
    watchLauncher(onGone, { table: npmRun, parentPid: () => ppid, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(onGone).not.toHaveBeenCalled();
    ppid = 1; // reparented to init: npm and its shell are gone
    await vi.advanceTimersByTimeAsync(5000);
    expect(onGone).toHaveBeenCalledTimes(1);
  });

  it("when a shell that npm did not start launched it (systemd, nohup, a test), then losing its parent does not stop it", async () => {
    vi.useFakeTimers();
    let ppid = 21;
    const onGone = vi.fn();
    watchLauncher(onGone, { table: testShell, parentPid: () => ppid, intervalMs: 1000 });
    ppid = 1;
    await vi.advanceTimersByTimeAsync(5000);
    expect(onGone).not.toHaveBeenCalled();
  });

  it("when npm itself is the parent (npm exec without a shell), then it counts as launched by npm", () => {
    expect(launchedByNpm(10, npmRun)).toBe(true);
    expect(launchedByNpm(21, testShell)).toBe(false);
  });

  it("when /proc is read for this very process, then its parent pid and command line come back", () => {
    expect(procTable.parentOf(process.pid)).toBe(process.ppid);
    expect(procTable.commandLine(process.pid)).toMatch(/node/);
  });
});
