/**
 * The packaging files agree with the build and the config code: electron-builder's entry is what
 * build/buildCounterShell.ts writes, and the example configs the README tells a technician to copy are valid, name
 * a counter station, and agree with each other.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadStationConfig } from "@onewindow/station-agent";
import { packagingProblems } from "@onewindow/station-shell/testing";
import { describe, expect, it } from "vitest";
import { COUNTER_DISPLAY_DIR } from "./build/buildCounterShell.ts";
import { counterStationOf, loadCounterConfig } from "./config/counterConfig.ts";

const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(COUNTER_DISPLAY_DIR, file), "utf8")) as Record<string, unknown>;

describe("the counter shell's packaging", () => {
  it("when electron-builder packs the app, then its entry is the built main.js and native modules are handled", () => {
    expect(packagingProblems(json("electron-builder.json"), json("package.json"))).toEqual([]);
    expect(json("electron-builder.json").appId).not.toBe("cn.onewindow.kiosk");
  });

  it("when the example configs are loaded, then both are valid and name counter window 2 on the same hall-server", () => {
    const counter = loadCounterConfig(join(COUNTER_DISPLAY_DIR, "examples/counter.json"));
    expect(counter.agentConfig).toBe(join(COUNTER_DISPLAY_DIR, "examples/station.json"));
    const station = loadStationConfig(counter.agentConfig);
    expect(counterStationOf(counter, station)).toEqual({ windowNumber: 2 });
    expect(Object.keys(station.devices).sort()).toEqual(["callerKeypad", "evaluationKeypad", "ledStrip"]);
  });
});
