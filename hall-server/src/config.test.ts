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

describe("config: browser origins", () => {
  it("when publicBaseUrl and extraOrigins are valid, then they are kept; when absent, nothing is added", () => {
    const c = resolveConfig(
      { publicBaseUrl: "https://hall.example.gov.cn/", extraOrigins: ["http://10.0.0.9:5173"] },
      "/srv",
    );
    expect(c.publicBaseUrl).toBe("https://hall.example.gov.cn/");
    expect(c.extraOrigins).toEqual(["http://10.0.0.9:5173"]);
    expect(resolveConfig({}, "/srv").extraOrigins).toBeUndefined();
  });

  it.each([
    [{ publicBaseUrl: "ftp://hall.example" }, "publicBaseUrl"],
    [{ publicBaseUrl: "not a url" }, "publicBaseUrl"],
    [{ extraOrigins: ["https://ops.example/path"] }, "extraOrigins.0"],
    [{ extraOrigins: ["http://ok.example", "HTTP://Upper.example"] }, "extraOrigins.1"],
    [{ extraOrigins: "http://ok.example" }, "extraOrigins"],
  ])("when a browser-origin field is bad (%j), then boot stops with a ConfigError naming it", (raw, field) => {
    expect(() => resolveConfig(raw, "/srv")).toThrow(new RegExp(`  ${field.replace(".", "\\.")}: `));
  });
});
