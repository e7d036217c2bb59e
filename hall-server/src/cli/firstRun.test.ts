// First run of a real hall, as the README tells an IT officer: a hall from an exported catalogue, its first admin,
// a paired counter, a staff PIN set from the CLI, sign-in; and an unlock through the running server.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cli, freePort, serve, stopAll, tempDir, writeSmallCatalog } from "./testing.ts";

// Each step spawns a process (about a second on a busy machine); the default 30 s is too tight for a whole flow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

afterEach(stopAll);

async function post<T>(url: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe("first run of a real hall", () => {
  it("when a hall is built from an exported catalogue with init, device add and staff set-pin, then staff and the admin can sign in", async () => {
    const dir = tempDir();
    expect(cli(["init", "--dir", join(dir, "demo"), "--demo"]).status).toBe(0);
    const exported = join(dir, "catalog.json");
    expect(cli(["catalog", "export", exported, "--config", join(dir, "demo", "config.json")]).status).toBe(0);

    writeFileSync(join(dir, "admin-password.txt"), "correct horse battery\n");
    const init = cli([
      "init",
      "--dir",
      join(dir, "hall"),
      "--catalog",
      exported,
      "--admin-password-file",
      join(dir, "admin-password.txt"),
      "--public-url",
      "http://192.168.1.10:8080",
    ]);
    expect(init.stderr).toBe("");
    expect(init.stdout).toMatch(/hall id [0-9a-f-]{36}/);
    const config = join(dir, "hall", "config.json");
    expect(JSON.parse(readFileSync(config, "utf8"))).toMatchObject({
      host: "0.0.0.0",
      demoMode: false,
      publicBaseUrl: "http://192.168.1.10:8080",
    });

    // Hall down: the CLI changes the database itself.
    const added = cli([
      "device",
      "add",
      "--name",
      "counter-1",
      "--kind",
      "counter",
      "--window",
      "1",
      "--json",
      "--config",
      config,
    ]);
    expect(added.stderr).toBe("");
    const { pairingCode } = JSON.parse(added.stdout) as { pairingCode: string };

    const port = await freePort();
    await serve(["start", "--config", config, "--port", String(port), "--host", "127.0.0.1"]);
    const url = `http://127.0.0.1:${port}`;
    const paired = await post<{ token: string }>(`${url}/api/devices/pair`, { code: pairingCode });
    expect(paired.status).toBe(200);

    // Hall up: the CLI goes through the running server's admin API.
    const setPin = cli(["staff", "set-pin", "GW005", "--config", config], { input: "24681357\n" });
    expect(setPin.stderr).toBe("");
    expect(setPin.status).toBe(0);
    const staff = await post(
      `${url}/api/auth/login`,
      { employeeNo: "GW005", pin: "24681357", windowNumber: 1 },
      paired.body.token,
    );
    expect(staff.status).toBe(200);
    const admin = await post(`${url}/api/auth/login`, { employeeNo: "admin", password: "correct horse battery" });
    expect(admin.status).toBe(200);

    // Five wrong PINs lock GW006 out from this machine; the CLI unlocks it through the running server.
    for (let i = 0; i < 5; i++) await post(`${url}/api/auth/login`, { employeeNo: "GW006", pin: "000000" });
    expect((await post(`${url}/api/auth/login`, { employeeNo: "GW006", pin: "000000" })).status).toBe(429);
    const unlock = cli(["staff", "unlock", "GW006", "--config", config]);
    expect(unlock.stdout).toContain("GW006 unlocked");
    expect((await post(`${url}/api/auth/login`, { employeeNo: "GW006", pin: "000000" })).status).toBe(401);
  });

  it("when the admin password comes on standard input (no terminal), then init takes it; a short one is refused and nothing is created", () => {
    const dir = tempDir();
    const catalog = writeSmallCatalog(dir);
    const short = cli(
      ["init", "--dir", join(dir, "short"), "--catalog", catalog, "--public-url", "https://hall.example.gov.cn"],
      { input: "short\n" },
    );
    expect(short.status).toBe(2);
    expect(short.stderr).toContain("password must be at least 8 characters");
    expect(existsSync(join(dir, "short", "config.json"))).toBe(false);

    const none = cli(
      ["init", "--dir", join(dir, "none"), "--catalog", catalog, "--public-url", "https://hall.example.gov.cn"],
      { input: "" },
    );
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no administrator password given");

    const ok = cli(
      [
        "init",
        "--dir",
        join(dir, "hall"),
        "--catalog",
        catalog,
        "--admin",
        "A01",
        "--public-url",
        "https://hall.example.gov.cn",
      ],
      {
        input: "long-enough-pw\n",
      },
    );
    expect(ok.stdout).toContain("administrator A01 created (password from standard input)");
    const status = JSON.parse(cli(["status", "--json", "--config", join(dir, "hall", "config.json")]).stdout) as {
      hallId: string;
      running: unknown;
    };
    expect(status.hallId).toMatch(/^[0-9a-f-]{36}$/);
    expect(status.running).toBeNull();
  });

  it("when a real hall has no public URL, then init refuses without creating it and start refuses naming publicBaseUrl", () => {
    const dir = tempDir();
    const catalog = writeSmallCatalog(dir);
    const none = cli(["init", "--dir", join(dir, "hall"), "--catalog", catalog], { input: "long-enough-pw\n" });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("a real hall needs --public-url");
    expect(existsSync(join(dir, "hall", "config.json"))).toBe(false);
    const bad = cli(["init", "--dir", join(dir, "hall"), "--catalog", catalog, "--public-url", "hall.example"], {
      input: "long-enough-pw\n",
    });
    expect(bad.stderr).toContain("--public-url must be an http(s) URL");

    const made = cli(
      ["init", "--dir", join(dir, "hall"), "--catalog", catalog, "--public-url", "https://hall.example"],
      {
        input: "long-enough-pw\n",
      },
    );
    expect(made.status).toBe(0);
    const config = join(dir, "hall", "config.json");
    const { publicBaseUrl: _dropped, ...withoutUrl } = JSON.parse(readFileSync(config, "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(config, JSON.stringify(withoutUrl));
    const start = cli(["start", "--config", config, "--port", "0"]);
    expect(start.status).toBe(2);
    expect(start.stderr).toContain("has no publicBaseUrl");
  });

  it("when the hall directory cannot be written, then init says so in one line with exit 2", () => {
    const dir = tempDir();
    // root ignores permission bits, so as root use a directory nobody may write: /sys.
    const parent = process.getuid?.() === 0 ? "/sys" : dir;
    if (parent === dir) chmodSync(dir, 0o500);
    const r = cli(["init", "--dir", join(parent, "onewindow-hall"), "--demo"]);
    chmodSync(dir, 0o700);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^hall-server: cannot create the hall in .*onewindow-hall \(flag --dir\): (permission denied|operation not permitted)\n$/,
    );
  });
});
