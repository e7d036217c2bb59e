/**
 * The kiosk shell's bundled fallback page in Debian's Chromium against a real hall-server: it says "暂停取号" in large
 * type, counts down, probes /health by itself while the server is down, and returns to the kiosk page (its agent
 * fragment intact) once the server answers. Electron cannot run here, so the page is served by a loopback stand-in
 * for the shell's onewindow-shell://fallback protocol that answers through the same file map
 * (station-shell policy/fallbackAssets.ts; tests/support/shellFallback.ts). Screenshots: artifacts/kiosk-shell/.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pageUrl } from "@onewindow/station-shell";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { DEBIAN_CHROMIUM } from "../support/chromium.ts";
import { freePort, measure, serveFallbackPage, type ServedFallbackPage } from "../support/shellFallback.ts";

const ARTIFACTS = resolve(import.meta.dirname, "../../artifacts/kiosk-shell");
const SECRET = "Kx9_-abcdefghijklmnopqrstuvwxyz0123456789AB";

let fallback: ServedFallbackPage;
let browser: Browser;
const halls: TestHall[] = [];

beforeAll(async () => {
  fallback = await serveFallbackPage("kiosk");
  browser = await chromium.launch(DEBIAN_CHROMIUM);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await fallback?.close();
  for (const hall of halls) await hall.close();
});

describe("the kiosk shell's fallback page", () => {
  it("when the hall-server is down, then it shows 暂停取号, counts down, retries, and returns once the server answers", async () => {
    const port = await freePort();
    const kioskUrl = pageUrl(`http://127.0.0.1:${port}`, "/kiosk", {
      url: "ws://127.0.0.1:41234/",
      secret: SECRET,
    });
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1 });
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));

    await page.goto(fallback.urlFor({ returnUrl: kioskUrl, waitSeconds: 2, reason: "unreachable" }));
    await expect.poll(() => page.textContent("h1")).toBe("暂停取号");
    expect(await page.textContent("h1 + .en")).toBe("Ticket service paused");
    await expect.poll(() => page.textContent("#status-zh")).toMatch(/^[12] 秒后重试$/);
    expect(await page.textContent("#status-en")).toMatch(/^Retrying in [12] s$/);

    // The first probe finds nothing listening: one failure, then the 5 s step of the schedule.
    await expect.poll(() => page.getAttribute("body", "data-failures"), { timeout: 10_000 }).toBe("1");
    await expect.poll(() => page.textContent("#status-zh")).toMatch(/^[45] 秒后重试$/);
    await page.screenshot({ path: join(ARTIFACTS, "fallback-portrait-1080x1920.png") });

    const portrait = await measure(page);
    for (const text of portrait.texts) {
      expect(text.px, text.text).toBeGreaterThanOrEqual(18);
      // 7:1, the elderly mode's bar (issue 10), for every line on this page.
      expect(text.contrast, text.text).toBeGreaterThanOrEqual(7);
    }
    expect(Math.max(...portrait.texts.map((t) => t.px))).toBeGreaterThanOrEqual(48);
    for (const box of portrait.buttons) {
      expect(box.width).toBeGreaterThanOrEqual(60);
      expect(box.height).toBeGreaterThanOrEqual(60);
    }
    expect(portrait.scrollHeight).toBeLessThanOrEqual(portrait.height);

    await page.setViewportSize({ width: 1920, height: 1080 });
    const landscape = await measure(page);
    expect(landscape.scrollHeight, "everything fits on a landscape screen").toBeLessThanOrEqual(landscape.height);
    for (const box of landscape.buttons) expect(box.bottom).toBeLessThanOrEqual(landscape.height);
    await page.screenshot({ path: join(ARTIFACTS, "fallback-landscape-1920x1080.png") });

    // The server comes back on the port the kiosk page names; the citizen (or staff) presses 立即重试.
    const hall = await startTestHall({ config: { port } });
    halls.push(hall);
    await page.click("#retry-now");
    await page.waitForURL((url) => url.pathname === "/kiosk", { timeout: 10_000 });
    expect(page.url()).toBe(kioskUrl);
    // The secret travelled in fragments only: no request carried it to any server.
    expect(requested.filter((url) => url.includes(SECRET) || url.includes("secret"))).toEqual([]);
    expect(requested).toContain(`http://127.0.0.1:${port}/health`);
    await page.close();
  });

  it("when the hall-server is up, then the page returns by itself when its countdown ends", async () => {
    const hall = await startTestHall();
    halls.push(hall);
    const kioskUrl = pageUrl(hall.url, "/kiosk", { url: "ws://127.0.0.1:41234/", secret: SECRET });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    await page.goto(fallback.urlFor({ returnUrl: kioskUrl, waitSeconds: 1, reason: "server-error" }));
    expect(await page.textContent("#why-zh")).toContain("暂时无法提供取号页面");
    await page.waitForURL((url) => url.pathname === "/kiosk", { timeout: 10_000 });
    expect(page.url()).toBe(kioskUrl);
    await page.close();
  });

  it("when its address is broken, then it says so for the technician and never navigates", async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1 });
    await page.goto(`${fallback.origin}/index.html#return=javascript%3Aalert(1)`);
    await expect.poll(() => page.textContent("#status-zh")).toContain("设置有误");
    expect(await page.textContent("#status-en")).toContain("return= must be an http(s) URL");
    expect(await page.isVisible("#retry-now")).toBe(false);
    expect(await page.isVisible("#why"), "no 'retrying' line when it will not retry").toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, "fallback-setup-fault.png") });
    await new Promise((done) => setTimeout(done, 1500));
    expect(new URL(page.url()).pathname).toBe("/index.html");
    await page.close();
  });
});
