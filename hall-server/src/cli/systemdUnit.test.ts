// The shipped systemd unit: the settings the README promises, and `systemd-analyze verify` where it exists.
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./testing.ts";

const UNIT = resolve(import.meta.dirname, "../../deploy/onewindow-hall.service");
const text = readFileSync(UNIT, "utf8");
const settings = new Map(
  text
    .split("\n")
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
);

describe("systemd unit", () => {
  it.each([
    ["Restart", "always"],
    ["User", "onewindow"],
    ["KillSignal", "SIGTERM"],
    ["StandardOutput", "journal"],
    ["NoNewPrivileges", "yes"],
    ["ProtectSystem", "strict"],
    ["ReadWritePaths", "/srv/onewindow"],
    ["PrivateTmp", "yes"],
    ["ProtectHome", "yes"],
    ["CapabilityBoundingSet", ""],
  ])("when the unit is read, then %s=%s", (key, value) => {
    expect(settings.get(key)).toBe(value);
  });

  it("when systemd-analyze is installed, then it verifies the unit", (context) => {
    const probe = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
    if (probe.error) {
      context.skip("systemd-analyze is not installed: the unit was not verified");
      return;
    }
    const copy = join(tempDir(), "onewindow-hall.service");
    copyFileSync(UNIT, copy);
    const r = spawnSync("systemd-analyze", ["verify", copy], { encoding: "utf8" });
    expect(r.stderr.split("\n").filter((l) => l.includes("onewindow-hall"))).toEqual([]);
    expect(r.status).toBe(0);
  });
});
