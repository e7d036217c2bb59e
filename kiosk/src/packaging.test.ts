/**
 * The packaging files agree with the build and the config code: electron-builder's entry is what build/buildShell.ts
 * writes, and the example configs the README tells a technician to copy are valid and agree with each other.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadStationConfig } from "@onewindow/station-agent";
import { packagingProblems } from "@onewindow/station-shell/testing";
import { describe, expect, it } from "vitest";
import { KIOSK_DIR } from "./build/buildShell.ts";
import { assertAgentAdmitsPage, loadShellConfig } from "./config/shellConfig.ts";

const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(KIOSK_DIR, file), "utf8")) as Record<string, unknown>;

describe("the kiosk shell's packaging", () => {
  it("when electron-builder packs the app, then its entry is the built main.js and the built files go in", () => {
    expect(packagingProblems(json("electron-builder.json"), json("package.json"))).toEqual([]);
  });

  it("when the example configs are loaded, then both are valid and the agent admits the kiosk page", () => {
    const shell = loadShellConfig(join(KIOSK_DIR, "examples/kiosk.json"));
    expect(shell.agentConfig).toBe(join(KIOSK_DIR, "examples/station.json"));
    const station = loadStationConfig(shell.agentConfig);
    expect(station.station.kind).toBe("kiosk");
    expect(() => assertAgentAdmitsPage(shell, station)).not.toThrow();
  });
});
