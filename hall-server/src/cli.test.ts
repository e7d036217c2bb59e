import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const bin = resolve(import.meta.dirname, "../bin/hall-server.js");
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });

describe("hall-server CLI", () => {
  it.each([
    [["start", "--bogus"], "Unknown option '--bogus'"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["init"], "init needs --dir"],
    [["init", "--dir", "/tmp/x", "--demo", "--catalog", "c.json"], "exactly one of --demo or --catalog"],
    [["demo", "--port", "99999"], "--port must be 0-65535"],
  ])("when the flags are bad (%j), then exit 2 with a clear message and the usage", (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("when a catalogue file is invalid, then init refuses it naming the field, and creates nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-cli-"));
    const catalog = join(dir, "catalog.json");
    writeFileSync(
      catalog,
      JSON.stringify({ version: "1", departments: [], items: [{ code: "X" }], windows: [], staff: [] }),
    );
    const r = run("init", "--dir", join(dir, "hall"), "--catalog", catalog);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("items.0.name");
  });

  it("when a hall is initialised from a catalogue, then export gives it back without credentials", () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-cli-"));
    const source = {
      version: "t1",
      departments: [{ code: "D1", name: "综合", nameEn: "General" }],
      items: [
        {
          code: "ITEM-1",
          name: "咨询",
          departmentCode: "D1",
          prefix: "A",
          kind: "immediate",
          hours: [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "17:00" }],
          typicalMinutes: 5,
        },
      ],
      windows: [{ number: 1, name: "1号窗口" }],
      staff: [
        { employeeNo: "S1", name: "王五", role: "admin", pin: "123456", skills: [{ itemCode: "ITEM-1", weight: 5 }] },
      ],
    };
    writeFileSync(join(dir, "catalog.json"), JSON.stringify(source));
    expect(run("init", "--dir", join(dir, "hall"), "--catalog", join(dir, "catalog.json")).status).toBe(0);
    const out = join(dir, "out.json");
    const r = run("catalog", "export", out, "--config", join(dir, "hall", "config.json"));
    expect(r.stderr).toBe("");
    const exported = JSON.parse(readFileSync(out, "utf8")) as {
      version: string;
      items: { code: string }[];
      staff: Record<string, unknown>[];
    };
    expect(exported.version).toBe("t1");
    expect(exported.items.map((i) => i.code)).toEqual(["ITEM-1"]);
    expect(exported.staff[0]).not.toHaveProperty("pin");
    expect(readFileSync(out, "utf8")).not.toContain("scrypt");
  });

  it("when `catalog import` would empty the hall, then it refuses naming what would go, --dry-run shows the diff, and --force applies it", () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-cli-"));
    expect(run("init", "--dir", join(dir, "hall"), "--demo").status).toBe(0);
    const config = join(dir, "hall", "config.json");
    const empty = join(dir, "empty.json");
    writeFileSync(empty, JSON.stringify({ version: "empty", departments: [], items: [], windows: [], staff: [] }));
    const exported = () =>
      JSON.parse(run("catalog", "export", "--config", config).stdout) as { version: string; items: unknown[] };

    const refused = run("catalog", "import", empty, "--config", config);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/without an active admin \(GW001\b/);
    expect(refused.stderr).toMatch(/every service item/);
    expect(refused.stderr).toMatch(/every window/);
    expect(exported().version).toBe("2026.11-demo");

    const dry = run("catalog", "import", empty, "--dry-run", "--config", config);
    expect(dry.status).toBe(0);
    const preview = JSON.parse(dry.stdout) as { dryRun: boolean; diff: { windows: { deactivated: number[] } } };
    expect(preview.dryRun).toBe(true);
    expect(preview.diff.windows.deactivated).toHaveLength(12);
    expect(exported().version).toBe("2026.11-demo");

    const blank = join(dir, "blank.json");
    writeFileSync(blank, JSON.stringify({ version: " ", departments: [], items: [], windows: [], staff: [] }));
    const bad = run("catalog", "import", blank, "--force", "--config", config);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("version: version must not be blank");

    const forced = run("catalog", "import", empty, "--force", "--config", config);
    expect(forced.status).toBe(0);
    expect(exported()).toMatchObject({ version: "empty", items: [] });
  });
});
