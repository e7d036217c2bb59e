// The demo's kiosk station and hardware panel as a new user meets them (`hall-server demo` spawned), and proof that
// a production `start` of the same hall serves none of it.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freePortPair, serve, stopAll, tempDir } from "./testing.ts";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
afterEach(stopAll);

const BANNER = /={78}\n[^]*={78}\n/;
const PANEL_TITLE = "虚拟硬件面板";

/** The rest of the banner's line that starts with `label`. */
function bannerLine(banner: string, label: string): string {
  const line = banner.split("\n").find((l) => l.startsWith(`  ${label} `));
  if (!line) throw new Error(`no "${label}" line in:\n${banner}`);
  return line.slice(label.length + 2).trim();
}

/** Run a banner one-liner in bash, as a visitor pastes it. */
const shell = (command: string) =>
  new Promise<{ code: number; out: string }>((done) =>
    execFile("bash", ["-c", command], { timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );

/** Wait until `read()` matches `pattern` (output arriving from a child process). */
async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
const listening = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });

describe("hall-server demo with its kiosk station", () => {
  it("when the demo starts, then the banner names the hardware panel on the hall's port + 1, the panel serves its page, and SIGTERM stops the devices too", async () => {
    const dir = join(tempDir(), "demo");
    const port = await freePortPair();
    const demo = await serve(["demo", "--dir", dir, "--port", String(port)], { ready: BANNER });
    const banner = BANNER.exec(demo.stdout())![0];
    expect(banner).toContain(`hardware      http://127.0.0.1:${port + 1}/`);
    expect(banner).toContain(`devices       on socat pseudo-terminals in ${join(dir, "devices")}`);
    const page = await fetch(`http://127.0.0.1:${port + 1}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(PANEL_TITLE);
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    expect((await fetch(`http://127.0.0.1:${port + 1}/${script}`)).status).toBe(200);
    // The hall itself serves no part of the panel.
    for (const path of ["/", "/index.html", `/${script}`, "/tickets/1.png"])
      expect(await (await fetch(`http://127.0.0.1:${port}${path}`)).text()).not.toContain(PANEL_TITLE);
    expect(readdirSync(join(dir, "devices")).filter((f) => f.endsWith("-host"))).toEqual(
      expect.arrayContaining([
        "kiosk1-printer-host",
        "kiosk1-idcard-host",
        ...[1, 2, 3].flatMap((n) => [`window${n}-caller-host`, `window${n}-evaluator-host`, `window${n}-led-host`]),
      ]),
    );
    // Each window's console and window screen, and the hall screen, once each, on the hall's origin.
    const origin = `http://127.0.0.1:${port}`;
    for (const n of [1, 2, 3]) {
      const fragment = new RegExp(`^${origin}/counter#agent=ws%3A%2F%2F127\\.0\\.0\\.1%3A(\\d+)%2F&secret=[\\w-]+$`);
      const console = fragment.exec(bannerLine(banner, `console ${n}`));
      expect(console).not.toBeNull();
      expect(bannerLine(banner, `window ${n}`)).toBe(
        bannerLine(banner, `console ${n}`).replace(`${origin}/counter#`, `${origin}/window/${n}#`),
      );
      expect(banner.split(`/window/${n}#`)).toHaveLength(2);
      expect(await listening(Number(console![1]))).toBe(true);
    }
    expect(bannerLine(banner, "counters")).toMatch(/^windows 1, 2, 3: station agents pids \d+, \d+, \d+; /);
    const devices = JSON.parse(readFileSync(join(dir, "devices.json"), "utf8")) as { kind: string; token: string }[];
    const screenToken = devices.find((d) => d.kind === "screen")!.token;
    expect(bannerLine(banner, "hall screen")).toBe(`${origin}/hall-screen#token=${encodeURIComponent(screenToken)}`);
    expect(banner.split("/hall-screen")).toHaveLength(2);
    // The counters' configs are the agent's own schema, and their tokens are kept 0600.
    for (const n of [1, 2, 3]) {
      const station = JSON.parse(readFileSync(join(dir, `counter-${n}`, "station.json"), "utf8")) as {
        station: unknown;
        devices: { ledStrip: { link: { path: string } } };
      };
      expect(station.station).toEqual({ kind: "counter", name: `counter-${n}`, windowNumber: n });
      expect(station.devices.ledStrip.link.path).toBe(join(dir, "devices", `window${n}-led-host`));
      expect(statSync(join(dir, `counter-${n}`, "token")).mode & 0o777).toBe(0o600);
    }
    demo.child.kill("SIGTERM");
    expect(await demo.exited).toBe(0);
    // socat removes its links when it ends: the devices were stopped, not orphaned.
    expect(existsSync(join(dir, "devices", "kiosk1-printer-host"))).toBe(false);
    expect(await listening(port + 1)).toBe(false);
  });

  it("when the same hall is started for production, then no panel listens and no device is started", async () => {
    const dir = join(tempDir(), "demo");
    const first = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], { ready: BANNER });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const port = await freePortPair();
    const hall = await serve(["start", "--config", join(dir, "config.json"), "--port", String(port)]);
    expect(hall.stdout()).toContain(`answering on http://127.0.0.1:${port}`);
    expect(hall.stdout()).not.toContain("hardware");
    expect(await listening(port + 1)).toBe(false);
    for (const path of ["/", "/index.html", "/tickets/1.png", "/ws"])
      expect(await (await fetch(`http://127.0.0.1:${port}${path}`)).text()).not.toContain(PANEL_TITLE);
    expect(existsSync(join(dir, "devices", "kiosk1-printer-host"))).toBe(false);
  });
});

describe("the demo's station agent", () => {
  it("when the hall runs in another zone, then the kiosk's and the counters' agents are configured in the hall's zone", async () => {
    const dir = join(tempDir(), "demo");
    const first = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], { ready: BANNER });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const configPath = join(dir, "config.json");
    const config = JSON.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...config, timeZone: "Pacific/Honolulu" }, null, 2));
    const again = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], { ready: BANNER });
    const zoneOf = (path: string) =>
      (JSON.parse(readFileSync(join(dir, path), "utf8")) as { timeZone?: unknown }).timeZone;
    expect(zoneOf("station/station.json")).toBe("Pacific/Honolulu");
    for (const n of [1, 2, 3]) expect(zoneOf(`counter-${n}/station.json`)).toBe("Pacific/Honolulu");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 120_000);

  it("when a visitor kills the agent with SIGKILL, then the demo starts it again, prints its new one-liner, and takes go on", async () => {
    const dir = join(tempDir(), "demo");
    const demo = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], { ready: BANNER });
    const banner = BANNER.exec(demo.stdout())![0];
    const pid = Number(/^pid (\d+);/.exec(bannerLine(banner, "kiosk agent"))![1]);
    expect(bannerLine(banner, "kill it")).toMatch(new RegExp(`^kill -9 ${pid} `));
    const first = await shell(bannerLine(banner, "take one"));
    expect(first.out).toMatch(/^[A-Z]+\d+ .+: \d+ ahead\n$/);
    process.kill(pid, "SIGKILL");
    const again = await waitFor(demo.stdout, /station agent started again \(pid (\d+)\); take one: (.+)\n/);
    expect(Number(again[1])).not.toBe(pid);
    const second = await shell(again[2]!);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^[A-Z]+\d+ .+: \d+ ahead\n$/);
    // The first launch's secret died with it: its one-liner no longer reaches an agent.
    expect((await shell(bannerLine(banner, "take one"))).code).not.toBe(0);
    demo.child.kill("SIGTERM");
    expect(await demo.exited).toBe(0);
    // Three processes start here (demo, agent, its successor): ~12 s alone, past 30 s on a loaded 2-core machine.
  }, 120_000);

  it("when a visitor kills a counter's agent, then the demo starts it again and prints its new console and window screen", async () => {
    const dir = join(tempDir(), "demo");
    const demo = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], { ready: BANNER });
    const banner = BANNER.exec(demo.stdout())![0];
    const pids = /pids (\d+), (\d+), (\d+);/.exec(bannerLine(banner, "counters"))!.slice(1).map(Number);
    process.kill(pids[1]!, "SIGKILL");
    const again = await waitFor(
      demo.stdout,
      /counter 2's station agent started again \(pid (\d+)\); console: (\S+) window screen: (\S+)\n/,
    );
    expect(Number(again[1])).not.toBe(pids[1]);
    expect(again[2]).toMatch(/\/counter#agent=ws%3A%2F%2F127\.0\.0\.1%3A\d+%2F&secret=/);
    expect(again[2]).not.toBe(bannerLine(banner, "console 2"));
    expect(again[3]).toBe(again[2]!.replace("/counter#", "/window/2#"));
    const port = Number(/%3A(\d+)%2F/.exec(again[2]!)![1]);
    expect(await listening(port)).toBe(true);
    // The others were left alone.
    for (const pid of [pids[0]!, pids[2]!]) expect(() => process.kill(pid, 0)).not.toThrow();
    demo.child.kill("SIGTERM");
    expect(await demo.exited).toBe(0);
  }, 120_000);

  it("when socat is missing, then the demo runs its devices over in-memory links, says so, and a take prints a ticket", async () => {
    const dir = join(tempDir(), "demo");
    // No socat on this PATH (node itself is started by its absolute path).
    const demo = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], {
      ready: BANNER,
      env: { PATH: "/nonexistent" },
    });
    const banner = BANNER.exec(demo.stdout())![0];
    expect(banner).toContain("devices       socat is not installed: in-memory links carrying the same protocol bytes");
    expect(bannerLine(banner, "kiosk agent")).toMatch(/^in this process; its page is the kiosk page above$/);
    expect(banner).not.toContain("kill it");
    expect(bannerLine(banner, "counters")).toMatch(
      /^windows 1, 2, 3: station agents in this process; .* \(in-memory links\)$/,
    );
    for (const n of [1, 2, 3]) expect(bannerLine(banner, `console ${n}`)).toMatch(/\/counter#agent=ws%3A.*&secret=/);
    const taken = await shell(bannerLine(banner, "take one"));
    expect(taken.out).toMatch(/^[A-Z]+\d+ .+: \d+ ahead\n$/);
    await waitFor(() => (existsSync(join(dir, "devices", "tickets", "1.png")) ? "saved" : ""), /saved/);
    const state = await fetch(bannerLine(banner, "hardware").split(" ")[0]! + "tickets/1.png");
    expect(state.status).toBe(200);
    demo.child.kill("SIGTERM");
    expect(await demo.exited).toBe(0);
  });

  it("when the README shows the demo's banner, then every line it shows is a line the demo prints", async () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../../README.md"), "utf8");
    const shown = [
      "### The demo's kiosk station and the hardware panel",
      "### The demo's counters and hall screen",
    ].map((heading) => /```\n([^]*?)```/.exec(readme.slice(readme.indexOf(heading)))![1]!);
    const labels = shown
      .join("\n")
      .split("\n")
      .filter(Boolean)
      .map((l) => /^ {2}(\S+(?: \S+)?) {2,}/.exec(l)?.[1]?.trim());
    expect(labels).toContain("console 2");
    const dir = join(tempDir(), "demo");
    const demo = await serve(["demo", "--dir", dir, "--port", "0", "--panel-port", "0"], { ready: BANNER });
    const banner = BANNER.exec(demo.stdout())![0];
    for (const label of labels) expect(label && bannerLine(banner, label)).toBeTruthy();
  });
});
