import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, parseStationConfig } from "@onewindow/station-agent";
import { supervisorRulesOf } from "@onewindow/station-shell";
import { afterAll, describe, expect, it } from "vitest";
import { counterConfigPath, counterStationOf, loadCounterConfig, parseCounterConfig } from "./counterConfig.ts";

const dir = mkdtempSync(join(tmpdir(), "onewindow-counter-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemsOf = (input: unknown): string[] => {
  try {
    parseCounterConfig(input, dir);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe("the counter shell config", () => {
  it("when only the hall URL is given, then every other field takes its default and paths resolve beside the file", () => {
    const config = parseCounterConfig({ hallUrl: "http://192.168.1.10:8080" }, dir);
    expect(config).toEqual({
      hallUrl: "http://192.168.1.10:8080",
      consolePath: "/counter",
      windowScreenPath: "/window",
      agentConfig: join(dir, "station.json"),
      displays: { console: "primary", windowScreen: "secondary" },
      devTools: false,
      healthProbe: { everySeconds: 10, timeoutSeconds: 3, failuresBeforeFallback: 3 },
      restart: { firstDelaySeconds: 1, maxDelaySeconds: 30, maxRestarts: 5, windowMinutes: 10, hangGraceSeconds: 15 },
      logLevel: "info",
    });
    expect(supervisorRulesOf(config).restart).toEqual({
      firstDelayMs: 1000,
      maxDelayMs: 30_000,
      maxRestarts: 5,
      windowMs: 600_000,
    });
  });

  it("when displays are named by id or label, then they are kept", () => {
    const config = parseCounterConfig(
      { hallUrl: "http://hall", displays: { console: { id: 5 }, windowScreen: { label: " HKC " } } },
      dir,
    );
    expect(config.displays).toEqual({ console: { id: 5 }, windowScreen: { label: "HKC" } });
  });

  it.each([
    [{}, ["hallUrl: "]],
    [{ hallUrl: "http://hall:8080/counter" }, ["hallUrl: hallUrl is the hall-server's origin only"]],
    [{ hallUrl: "http://hall", consolePath: "counter" }, ["consolePath: consolePath is a path starting with /"]],
    [{ hallUrl: "http://hall", windowScreenPath: "/window?n=2" }, ["windowScreenPath: windowScreenPath is a path"]],
    [{ hallUrl: "http://hall", displays: { windowScreen: "left" } }, ['displays.windowScreen: a display is "primary"']],
    [{ hallUrl: "http://hall", displays: { console: { id: 1.5 } } }, ['displays.console: a display is "primary"']],
    [{ hallUrl: "http://hall", displays: { screen: "secondary" } }, ['displays: Unrecognized key: "screen"']],
    [{ hallUrl: "http://hall", kioskPath: "/kiosk" }, ['(top level): Unrecognized key: "kioskPath"']],
    [{ hallUrl: "http://hall", restart: { maxRestarts: 0 } }, ["restart.maxRestarts: "]],
  ])("when the config is %j, then it is refused naming each bad field", (input, expected) => {
    const problems = problemsOf(input);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it("when the file is missing or invalid, then the error names the file", () => {
    const missing = join(dir, "missing.json");
    expect(() => loadCounterConfig(missing)).toThrow(`cannot read ${missing}: ENOENT`);
    const invalid = join(dir, "invalid.json");
    writeFileSync(invalid, JSON.stringify({ hallUrl: "nope" }));
    expect(() => loadCounterConfig(invalid)).toThrow(`${invalid} is invalid:\n  hallUrl: `);
  });
});

describe("the counter config against the station agent's", () => {
  const counter = (hallUrl: string) => parseCounterConfig({ hallUrl }, dir);
  const station = (hallUrl: string, kind: "kiosk" | "counter" = "counter") =>
    parseStationConfig(
      {
        hallUrl,
        station: kind === "counter" ? { kind, name: "counter-2", windowNumber: 2 } : { kind, name: "kiosk-1" },
      },
      dir,
    );

  it("when the station is a counter of the same hall-server, then its window number is the counter's", () => {
    expect(counterStationOf(counter("http://192.168.1.10:8080"), station("http://192.168.1.10:8080"))).toEqual({
      windowNumber: 2,
    });
  });

  it("when the station is a kiosk, then a ConfigError says the counter shell needs a counter station", () => {
    expect(() => counterStationOf(counter("http://h:1"), station("http://h:1", "kiosk"))).toThrow(
      /station\.kind in .*station\.json is "kiosk": the counter shell needs a counter station/,
    );
  });

  it("when the hall-servers differ, then a ConfigError names the pages' origin and the agent's", () => {
    expect(() => counterStationOf(counter("http://192.168.1.11:8080"), station("http://192.168.1.10:8080"))).toThrow(
      /counter pages' origin http:\/\/192\.168\.1\.11:8080 .* not one the station agent admits/,
    );
  });
});

describe("where the counter config file is", () => {
  it.each([
    [["electron", ".", "--config", "/etc/onewindow/counter.json"], {}, "/etc/onewindow/counter.json"],
    [["onewindow-counter"], { ONEWINDOW_COUNTER_CONFIG: "/srv/counter.json" }, "/srv/counter.json"],
    [["onewindow-counter", "--config=c.json"], {}, resolve("c.json")],
    [["onewindow-counter"], { ONEWINDOW_KIOSK_CONFIG: "/srv/kiosk.json" }, "/home/c/.config/OneWindow/counter.json"],
  ])("when launched as %j with %j, then it reads %s", (argv, env, expected) => {
    expect(counterConfigPath(argv, env, "/home/c/.config/OneWindow")).toBe(expected);
  });
});
