import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHELL_FALLBACK_ORIGIN } from "@onewindow/contract";
import { ConfigError, loadStationConfig, pageOrigins, parseStationConfig } from "./config.ts";

const minimal = { hallUrl: "http://127.0.0.1:8080", station: { kind: "kiosk", name: "kiosk-1" } };

describe("station config", () => {
  it("when minimal, then defaults fill in and files resolve beside the config", () => {
    const config = parseStationConfig(minimal, "/etc/onewindow");
    expect(config).toMatchObject({
      listenPort: 0,
      tokenFile: "/etc/onewindow/token",
      journalFile: "/etc/onewindow/journal.db",
      timeZone: "Asia/Shanghai",
      devices: {},
    });
  });

  it("when fields are wrong, then one line per field names it", () => {
    const bad = {
      ...minimal,
      hallUrl: "ftp://x",
      listenPort: 70000,
      timeZone: "Mars/Olympus",
      devices: { printer: { link: { kind: "serial" } } },
    };
    let error: ConfigError | undefined;
    try {
      parseStationConfig(bad, "/tmp", "station.json");
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/^station.json is invalid:/);
    expect(error!.problems.map((p) => p.split(":")[0])).toEqual(
      expect.arrayContaining(["hallUrl", "listenPort", "timeZone", "devices.printer.link.path"]),
    );
  });

  it("when the file is missing or not JSON, then the error says which", () => {
    const dir = mkdtempSync(join(tmpdir(), "agent-config-"));
    expect(() => loadStationConfig(join(dir, "none.json"))).toThrow(/cannot read .*none.json: ENOENT/);
    writeFileSync(join(dir, "bad.json"), "{");
    expect(() => loadStationConfig(join(dir, "bad.json"))).toThrow(/bad.json is not JSON/);
  });

  it("when origins are computed, then the hall's origin, extras and the shell fallback are allowed, nothing else", () => {
    const config = parseStationConfig({ ...minimal, extraPageOrigins: ["http://hall.local:8080/"] }, "/tmp");
    expect([...pageOrigins(config, SHELL_FALLBACK_ORIGIN)].sort()).toEqual(
      ["http://127.0.0.1:8080", "http://hall.local:8080", SHELL_FALLBACK_ORIGIN].sort(),
    );
  });

  it("when a counter is configured, then its window, devices and keypad mapping parse with defaults", () => {
    const config = parseStationConfig(
      {
        hallUrl: "http://127.0.0.1:8080",
        station: { kind: "counter", name: "counter-2", windowNumber: 2 },
        devices: {
          callerKeypad: { link: { kind: "virtual" } },
          evaluationKeypad: { link: { kind: "virtual" }, keys: 5 },
          ledStrip: { link: { kind: "serial", path: "/dev/ttyUSB2" }, address: 3 },
        },
        keypad: { keys: { logout: "ignore" } },
      },
      "/tmp",
    );
    expect(config.station).toEqual({ kind: "counter", name: "counter-2", windowNumber: 2 });
    expect(config.devices.callerKeypad).toEqual({ link: { kind: "virtual" }, mode: "push", address: 1 });
    expect(config.devices.ledStrip?.address).toBe(3);
    expect(config.keypad).toEqual({
      keys: { logout: "ignore" },
      pauseReason: "暂离",
      ledIdleText: "欢迎光临",
      ledPausedText: "暂停服务",
      repeatGuardMs: 1000,
    });
  });

  it("when a counter has no window number or a key an unknown action, then each is named", () => {
    let error: ConfigError | undefined;
    try {
      parseStationConfig(
        { ...minimal, station: { kind: "counter", name: "c" }, keypad: { keys: { next: "explode" } } },
        "/tmp",
      );
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error!.problems.map((p) => p.split(":")[0])).toEqual(
      expect.arrayContaining(["station.windowNumber", "keypad.keys.next"]),
    );
  });
});
