/**
 * The kiosk shell's bundled fallback page in Debian's Chromium against a real hall-server: it says "暂停取号" in large
 * type, counts down, probes /health by itself while the server is down, and returns to the kiosk page (its agent
 * fragment intact) once the server answers. Electron cannot run here, so the page is served by a loopback stand-in
 * for the shell's onewindow-shell://fallback protocol that answers through the same file map
 * (kiosk/src/policy/fallbackAssets.ts). Screenshots: artifacts/kiosk-shell/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { buildFallbackPage } from "../../kiosk/src/build/buildShell.ts";
import { formatFallbackFragment, type FallbackAddress } from "../../kiosk/src/fallback/fallbackAddress.ts";
import { fallbackFileFor } from "../../kiosk/src/policy/fallbackAssets.ts";
import { kioskPageUrl } from "../../kiosk/src/policy/kioskUrls.ts";

const ARTIFACTS = resolve(import.meta.dirname, "../../artifacts/kiosk-shell");
const SECRET = "Kx9_-abcdefghijklmnopqrstuvwxyz0123456789AB";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let bundle: string;
let shellProtocol: Server;
let fallbackBase: string;
let browser: Browser;
const halls: TestHall[] = [];

/** A free loopback port with nothing listening on it (the hall-server "down"). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

function fallbackUrl(address: FallbackAddress): string {
  return `${fallbackBase}/index.html#${formatFallbackFragment(address)}`;
}

/** Every text-bearing element's font size and every button's box, as Chromium laid them out. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((v) => v / 255);
      const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    /** The first opaque background behind `el` (WCAG 2 contrast needs the colour the text sits on). */
    const ground = (el: Element | null): string => {
      for (let at = el; at; at = at.parentElement) {
        const background = getComputedStyle(at).backgroundColor;
        if ((rgb(background)[3] ?? 1) > 0) return background;
      }
      return "rgb(255, 255, 255)";
    };
    const contrast = (el: Element) => {
      const [a, b] = [luminance(getComputedStyle(el).color), luminance(ground(el))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const texts = Array.from(document.querySelectorAll<HTMLElement>("h1, p, span, button"))
      .filter((el) => el.offsetParent !== null && (el.textContent ?? "").trim() !== "")
      .map((el) => ({
        text: (el.textContent ?? "").trim().slice(0, 20),
        px: parseFloat(getComputedStyle(el).fontSize),
        contrast: contrast(el),
      }));
    const buttons = Array.from(document.querySelectorAll("button"))
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.getBoundingClientRect())
      .map((box) => ({ width: box.width, height: box.height, right: box.right, bottom: box.bottom }));
    return {
      texts,
      buttons,
      width: innerWidth,
      height: innerHeight,
      scrollHeight: document.documentElement.scrollHeight,
    };
  });
}

beforeAll(async () => {
  bundle = mkdtempSync(join(tmpdir(), "onewindow-fallback-"));
  await buildFallbackPage(bundle);
  shellProtocol = createServer((request, response) => {
    const asset = fallbackFileFor(`onewindow-shell://fallback${request.url ?? "/"}`);
    if (!asset) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": asset.contentType }).end(readFileSync(join(bundle, asset.file)));
  });
  await new Promise<void>((done) => shellProtocol.listen(0, "127.0.0.1", done));
  fallbackBase = `http://127.0.0.1:${(shellProtocol.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => shellProtocol?.close(done));
  for (const hall of halls) await hall.close();
  rmSync(bundle, { recursive: true, force: true });
});

describe("the kiosk shell's fallback page", () => {
  it("when the hall-server is down, then it shows 暂停取号, counts down, retries, and returns once the server answers", async () => {
    const port = await freePort();
    const kioskUrl = kioskPageUrl(`http://127.0.0.1:${port}`, "/kiosk", {
      url: "ws://127.0.0.1:41234/",
      secret: SECRET,
    });
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1 });
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));

    await page.goto(fallbackUrl({ returnUrl: kioskUrl, waitSeconds: 2, reason: "unreachable" }));
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
    const kioskUrl = kioskPageUrl(hall.url, "/kiosk", { url: "ws://127.0.0.1:41234/", secret: SECRET });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    await page.goto(fallbackUrl({ returnUrl: kioskUrl, waitSeconds: 1, reason: "server-error" }));
    expect(await page.textContent("#why-zh")).toContain("暂时无法提供取号页面");
    await page.waitForURL((url) => url.pathname === "/kiosk", { timeout: 10_000 });
    expect(page.url()).toBe(kioskUrl);
    await page.close();
  });

  it("when its address is broken, then it says so for the technician and never navigates", async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1 });
    await page.goto(`${fallbackBase}/index.html#return=javascript%3Aalert(1)`);
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
