// The demo's kiosk station and hardware panel as a new user meets them (`hall-server demo` spawned), and proof that
// a production `start` of the same hall serves none of it.
import { existsSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freePort, serve, stopAll, tempDir } from "./testing.ts";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
afterEach(stopAll);

const BANNER = /={78}\n[^]*={78}\n/;
const PANEL_TITLE = "虚拟硬件面板";

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
    const port = await freePort();
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
      expect.arrayContaining(["kiosk1-printer-host", "kiosk1-idcard-host"]),
    );
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
    const port = await freePort();
    const hall = await serve(["start", "--config", join(dir, "config.json"), "--port", String(port)]);
    expect(hall.stdout()).toContain(`answering on http://127.0.0.1:${port}`);
    expect(hall.stdout()).not.toContain("hardware");
    expect(await listening(port + 1)).toBe(false);
    for (const path of ["/", "/index.html", "/tickets/1.png", "/ws"])
      expect(await (await fetch(`http://127.0.0.1:${port}${path}`)).text()).not.toContain(PANEL_TITLE);
    expect(existsSync(join(dir, "devices", "kiosk1-printer-host"))).toBe(false);
  });
});
