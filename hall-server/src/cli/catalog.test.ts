import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BIN, cleanEnv, cli, serve, stopAll, tempDir, writeSmallCatalog } from "./testing.ts";

// Each step spawns a process (about a second on a busy machine); the default 30 s is too tight for a whole flow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

afterEach(stopAll);

describe("hall-server catalog", () => {
  it("when a hall is initialised from a catalogue, then export gives it back without credentials", () => {
    const dir = tempDir();
    const catalog = writeSmallCatalog(dir);
    const init = cli(
      ["init", "--dir", join(dir, "hall"), "--catalog", catalog, "--public-url", "https://hall.example.gov.cn"],
      { input: "admin-password-1\n" },
    );
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    const out = join(dir, "out.json");
    const r = cli(["catalog", "export", out, "--config", join(dir, "hall", "config.json")]);
    expect(r.stderr).toBe("");
    const exported = JSON.parse(readFileSync(out, "utf8")) as {
      version: string;
      items: { code: string }[];
      staff: Record<string, unknown>[];
    };
    expect(exported.version).toBe("t1");
    expect(exported.items.map((i) => i.code)).toEqual(["ITEM-1"]);
    expect(exported.staff.map((s) => s.employeeNo)).toEqual(["S1", "admin"]);
    expect(exported.staff[0]).not.toHaveProperty("pin");
    expect(readFileSync(out, "utf8")).not.toContain("scrypt");
  });

  it("when `catalog import` would empty the hall, then it refuses naming what would go, --dry-run shows the diff, and --force applies it", () => {
    const dir = tempDir();
    expect(cli(["init", "--dir", join(dir, "hall"), "--demo"]).status).toBe(0);
    const config = join(dir, "hall", "config.json");
    const empty = join(dir, "empty.json");
    writeFileSync(empty, JSON.stringify({ version: "empty", departments: [], items: [], windows: [], staff: [] }));
    const exported = () =>
      JSON.parse(cli(["catalog", "export", "--config", config]).stdout) as { version: string; items: unknown[] };

    const refused = cli(["catalog", "import", empty, "--config", config]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/without an active admin \(GW001\b/);
    expect(refused.stderr).toMatch(/every service item/);
    expect(refused.stderr).toMatch(/every window/);
    expect(exported().version).toBe("2026.11-demo");

    const dry = cli(["catalog", "import", empty, "--dry-run", "--config", config]);
    expect(dry.status).toBe(0);
    const preview = JSON.parse(dry.stdout) as { dryRun: boolean; diff: { windows: { deactivated: number[] } } };
    expect(preview.dryRun).toBe(true);
    expect(preview.diff.windows.deactivated).toHaveLength(12);
    expect(exported().version).toBe("2026.11-demo");

    const blank = join(dir, "blank.json");
    writeFileSync(blank, JSON.stringify({ version: " ", departments: [], items: [], windows: [], staff: [] }));
    const bad = cli(["catalog", "import", blank, "--force", "--config", config]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("version: version must not be blank");

    const forced = cli(["catalog", "import", empty, "--force", "--config", config]);
    expect(forced.status).toBe(0);
    expect(exported()).toMatchObject({ version: "empty", items: [] });
  });

  it("when the hall is running, then export reads it without disturbing it and import goes through the running server", async () => {
    const dir = tempDir();
    expect(cli(["init", "--dir", join(dir, "hall"), "--demo"]).status).toBe(0);
    const config = join(dir, "hall", "config.json");
    const server = await serve(["start", "--config", config, "--port", "0"]);
    const before = cli(["catalog", "export", "--config", config]);
    expect(before.status).toBe(0);
    const catalog = JSON.parse(before.stdout) as { version: string };
    const next = join(dir, "next.json");
    writeFileSync(next, JSON.stringify({ ...catalog, version: "2026.12" }));
    const imported = cli(["catalog", "import", next, "--config", config]);
    expect(imported.stderr).toBe("");
    expect(JSON.parse(imported.stdout)).toMatchObject({ dryRun: false, version: "2026.12" });
    // The running server made the change: its own log says so.
    await expect.poll(() => server.stdout()).toContain('"catalog.imported"');
    expect((JSON.parse(cli(["catalog", "export", "--config", config]).stdout) as { version: string }).version).toBe(
      "2026.12",
    );
  });

  it("when the export is piped into a reader that stops early, then it ends quietly with exit 0", () => {
    const dir = tempDir();
    expect(cli(["init", "--dir", join(dir, "hall"), "--demo"]).status).toBe(0);
    const script = `"${process.execPath}" "${BIN}" catalog export --config hall/config.json | head -c 10; echo " exit=\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8", env: cleanEnv() });
    expect(r.stdout).toBe('{\n  "schem exit=0\n'); // schemaVersion comes first
    expect(r.stderr).toBe("");
  });
});
