import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfigFile, resolveConfig } from "./config.ts";

describe("config", () => {
  it("when the config is empty, then defaults apply and paths resolve against the config directory", () => {
    const c = resolveConfig({}, "/srv/hall");
    expect(c.port).toBe(8080);
    expect(c.timeZone).toBe("Asia/Shanghai");
    expect(c.dbPath).toBe("/srv/hall/data/hall.db");
    expect(c.keyPath).toBe("/srv/hall/keys.json");
  });

  it.each([
    [{ port: 70000 }, "port"],
    [{ regionCode: "5101" }, "regionCode must be 12 digits"],
    [{ timeZone: "Mars/Olympus" }, 'unknown time zone "Mars/Olympus"'],
    [{ queue: { maxRecalls: -1 } }, "queue.maxRecalls"],
    [{ unknownKey: true }, "unknownKey"],
    [{ rateLimits: { login: { capacity: 0, refillPerSecond: 1 } } }, "rateLimits.login.capacity"],
    [{ rateLimits: { pairing: { capacity: 5, refillPerSecond: -1 } } }, "rateLimits.pairing.refillPerSecond"],
    [{ rateLimits: { logins: { capacity: 5, refillPerSecond: 1 } } }, 'rateLimits: Unrecognized key: "logins"'],
    [{ kioskRateLimit: { capacity: 5, refillPerSecond: 1 } }, "kioskRateLimit"],
  ])("when a field is bad (%j), then a ConfigError names it", (raw, message) => {
    expect(() => resolveConfig(raw, "/srv")).toThrow(ConfigError);
    expect(() => resolveConfig(raw, "/srv")).toThrow(message);
  });

  it("when the file is not JSON or the environment is bad, then the error says which", () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-config-"));
    const path = join(dir, "config.json");
    writeFileSync(path, "{ nope");
    expect(() => loadConfigFile(path, {})).toThrow(/not valid JSON/);
    writeFileSync(path, "[]");
    expect(() => loadConfigFile(path, {})).toThrow(/JSON object/);
    writeFileSync(path, "{}");
    expect(() => loadConfigFile(path, { ONEWINDOW_PORT: "eighty" })).toThrow(/ONEWINDOW_PORT/);
    expect(loadConfigFile(path, { ONEWINDOW_PORT: "9090" }).port).toBe(9090);
    expect(() => loadConfigFile(join(dir, "missing.json"), {})).toThrow(/cannot read config file/);
  });
});
