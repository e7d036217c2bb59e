import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, parseStationConfig } from "@onewindow/station-agent";
import { supervisorRulesOf } from "@onewindow/station-shell";
import { afterAll, describe, expect, it } from "vitest";
import { assertAgentAdmitsPage, loadShellConfig, parseShellConfig, shellConfigPath } from "./shellConfig.ts";

const dir = mkdtempSync(join(tmpdir(), "onewindow-kiosk-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemsOf = (input: unknown): string[] => {
  try {
    parseShellConfig(input, dir);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe("the kiosk shell config", () => {
  it("when only the hall URL is given, then every other field takes its default and paths resolve beside the file", () => {
    const config = parseShellConfig({ hallUrl: "http://192.168.1.10:8080" }, dir);
    expect(config).toEqual({
      hallUrl: "http://192.168.1.10:8080",
      kioskPath: "/kiosk",
      agentConfig: join(dir, "station.json"),
      devTools: false,
      healthProbe: { everySeconds: 10, timeoutSeconds: 3, failuresBeforeFallback: 3 },
      restart: { firstDelaySeconds: 1, maxDelaySeconds: 30, maxRestarts: 5, windowMinutes: 10, hangGraceSeconds: 15 },
      logLevel: "info",
    });
    expect(supervisorRulesOf(config)).toEqual({
      restart: { firstDelayMs: 1000, maxDelayMs: 30_000, maxRestarts: 5, windowMs: 600_000 },
      hangGraceMs: 15_000,
      probeEveryMs: 10_000,
      probeFailuresBeforeFallback: 3,
    });
  });

  it.each([
    [{}, ["hallUrl: "]],
    [{ hallUrl: "ftp://hall" }, ["hallUrl: hallUrl must be an http(s) URL"]],
    [{ hallUrl: "http://hall:8080/kiosk" }, ["hallUrl: hallUrl is the hall-server's origin only"]],
    [{ hallUrl: "http://hall:8080/?secret=x" }, ["hallUrl: hallUrl is the hall-server's origin only"]],
    [{ hallUrl: "http://admin:pw@hall:8080" }, ["hallUrl: hallUrl is the hall-server's origin only"]],
    [{ hallUrl: "http://hall", kioskPath: "kiosk" }, ["kioskPath: kioskPath is a path starting with /"]],
    [{ hallUrl: "http://hall", kioskPath: "/kiosk?x=1" }, ["kioskPath: kioskPath is a path starting with /"]],
    [{ hallUrl: "http://hall", healthProbe: { everySeconds: 1 } }, ["healthProbe.everySeconds: "]],
    [{ hallUrl: "http://hall", restart: { maxRestarts: 0 } }, ["restart.maxRestarts: "]],
    [
      { hallUrl: "http://hall", restart: { firstDelaySeconds: 40, maxDelaySeconds: 10 } },
      ["restart: restart.firstDelaySeconds must not exceed restart.maxDelaySeconds"],
    ],
    [{ hallUrl: "http://hall", devtools: true }, ['(top level): Unrecognized key: "devtools"']],
    [{ hallUrl: 8080, logLevel: "loud" }, ["hallUrl: ", "logLevel: "]],
  ])("when the config is %j, then it is refused naming each bad field", (input, expected) => {
    const problems = problemsOf(input);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it("when the file is missing, not JSON or invalid, then the error names the file", () => {
    const missing = join(dir, "missing.json");
    expect(() => loadShellConfig(missing)).toThrow(`cannot read ${missing}: ENOENT`);
    const notJson = join(dir, "bad.json");
    writeFileSync(notJson, "{ hallUrl: ");
    expect(() => loadShellConfig(notJson)).toThrow(`${notJson} is not JSON`);
    const invalid = join(dir, "invalid.json");
    writeFileSync(invalid, JSON.stringify({ hallUrl: "nope" }));
    expect(() => loadShellConfig(invalid)).toThrow(`${invalid} is invalid:\n  hallUrl: `);
  });

  it("when the file is good, then it loads with agentConfig beside it", () => {
    const path = join(dir, "kiosk.json");
    writeFileSync(path, JSON.stringify({ hallUrl: "https://hall.example", agentConfig: "agent/station.json" }));
    expect(loadShellConfig(path).agentConfig).toBe(join(dir, "agent/station.json"));
  });
});

describe("the kiosk config against the station agent's", () => {
  const station = (hallUrl: string, extraPageOrigins: string[] = []) =>
    parseStationConfig({ hallUrl, station: { kind: "kiosk", name: "kiosk-1" }, extraPageOrigins }, dir);
  const shell = (hallUrl: string) => parseShellConfig({ hallUrl }, dir);

  it("when both name the same hall-server, then the agent admits the page", () => {
    expect(() =>
      assertAgentAdmitsPage(shell("http://192.168.1.10:8080"), station("http://192.168.1.10:8080")),
    ).not.toThrow();
  });

  it("when the page's origin is one of the agent's extra origins, then the agent admits it", () => {
    const agent = station("http://192.168.1.10:8080", ["https://hall.example"]);
    expect(() => assertAgentAdmitsPage(shell("https://hall.example"), agent)).not.toThrow();
  });

  it("when they differ, then a ConfigError names the page's origin and the agent's", () => {
    expect(() => assertAgentAdmitsPage(shell("http://192.168.1.11:8080"), station("http://192.168.1.10:8080"))).toThrow(
      /kiosk page's origin http:\/\/192\.168\.1\.11:8080 .* not one the station agent admits \(http:\/\/192\.168\.1\.10:8080: hallUrl/,
    );
  });
});

describe("where the config file is", () => {
  it.each([
    [["electron", ".", "--config", "/etc/onewindow/kiosk.json"], {}, "/etc/onewindow/kiosk.json"],
    [["onewindow-kiosk.exe", "--config=C/kiosk.json"], {}, resolve("C/kiosk.json")],
    [["onewindow-kiosk"], { ONEWINDOW_KIOSK_CONFIG: "/srv/kiosk.json" }, "/srv/kiosk.json"],
    [["onewindow-kiosk", "--config"], {}, "/home/k/.config/OneWindow/kiosk.json"],
    [["onewindow-kiosk"], {}, "/home/k/.config/OneWindow/kiosk.json"],
  ])("when launched as %j with %j, then it reads %s", (argv, env, expected) => {
    expect(shellConfigPath(argv, env, "/home/k/.config/OneWindow")).toBe(expected);
  });
});
