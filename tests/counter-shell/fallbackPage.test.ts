/**
 * The counter shell's bundled fallback page in Debian's Chromium against a real hall-server, as each of the counter's
 * windows shows it: the staff console (a desk window), the window screen fullscreen on its own 1080p display, and the
 * window screen as the narrow window beside the console when the counter has one display (policy/displayChoice.ts).
 * It says "暂停服务 / Service paused", counts down, probes /health by itself while the server is down, and returns each
 * window to its own page (/counter, /window/<n>, the agent fragment intact) once the server answers. Electron cannot
 * run here, so the page is served by a loopback stand-in for the shell's onewindow-shell://fallback protocol
 * (tests/support/shellFallback.ts). Screenshots: artifacts/counter-shell/.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AgentAddress } from "@onewindow/contract";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { counterPageUrl, type CounterRole } from "../../counter-display/src/policy/counterPages.ts";
import { chooseDisplays } from "../../counter-display/src/policy/displayChoice.ts";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { DEBIAN_CHROMIUM } from "../support/chromium.ts";
import { freePort, measure, serveFallbackPage, type ServedFallbackPage } from "../support/shellFallback.ts";

const ARTIFACTS = resolve(import.meta.dirname, "../../artifacts/counter-shell");
const SECRET = "Ct7_-abcdefghijklmnopqrstuvwxyz0123456789AB";
const AGENT: AgentAddress = { url: "ws://127.0.0.1:41236/", secret: SECRET };

let fallback: ServedFallbackPage;
let browser: Browser;
const halls: TestHall[] = [];

/** The counter's pages on a hall-server at `hallUrl`, window 2. */
const pagesAt = (hallUrl: string) => ({
  hallUrl,
  consolePath: "/counter",
  windowScreenPath: "/window",
  windowNumber: 2,
});

/** The window sizes the counter's windows get on one 1920x1080 display (task bar 40 px) and on two. */
function windowSizes() {
  const display = (id: number, x: number) => ({
    id,
    label: "",
    bounds: { x, y: 0, width: 1920, height: 1080 },
    workArea: { x, y: 0, width: 1920, height: 1040 },
    internal: false,
  });
  const picks = { console: "primary", windowScreen: "secondary" } as const;
  const two = chooseDisplays([display(1, 0), display(2, 1920)], 1, picks);
  const one = chooseDisplays([display(1, 0)], 1, picks);
  const size = (rect: { width: number; height: number }) => ({ width: rect.width, height: rect.height });
  return {
    console: size(two.console.bounds),
    windowScreen: size(two.windowScreen.bounds),
    besideConsole: size(one.windowScreen.bounds),
  };
}

/** Every line readable and inside the window: 18 px and 7:1 at least, no scrolling either way. */
async function expectFits(page: Page, what: string) {
  const laid = await measure(page);
  for (const text of laid.texts) {
    expect(text.px, `${what}: ${text.text}`).toBeGreaterThanOrEqual(18);
    expect(text.contrast, `${what}: ${text.text}`).toBeGreaterThanOrEqual(7);
  }
  for (const box of laid.buttons) {
    expect(box.width, what).toBeGreaterThanOrEqual(60);
    expect(box.height, what).toBeGreaterThanOrEqual(60);
    expect(box.right, what).toBeLessThanOrEqual(laid.width);
  }
  expect(laid.scrollHeight, `${what}: no vertical scrolling`).toBeLessThanOrEqual(laid.height);
  expect(laid.scrollWidth, `${what}: no horizontal scrolling`).toBeLessThanOrEqual(laid.width);
}

beforeAll(async () => {
  fallback = await serveFallbackPage("counter");
  browser = await chromium.launch(DEBIAN_CHROMIUM);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await fallback?.close();
  for (const hall of halls) await hall.close();
});

describe("the counter shell's fallback page", () => {
  it("when the hall-server is down, then each window shows 暂停服务, retries by itself, and returns to its own page once the server answers", async () => {
    const port = await freePort();
    const hallUrl = `http://127.0.0.1:${port}`;
    const sizes = windowSizes();
    const windows: { role: CounterRole; name: string; size: { width: number; height: number } }[] = [
      { role: "console", name: "console", size: sizes.console },
      { role: "windowScreen", name: "window-screen", size: sizes.windowScreen },
      { role: "windowScreen", name: "window-screen-beside-console", size: sizes.besideConsole },
    ];
    const opened: { page: Page; returnUrl: string; requested: string[] }[] = [];
    for (const window of windows) {
      const returnUrl = counterPageUrl(pagesAt(hallUrl), window.role, AGENT);
      const page = await browser.newPage({ viewport: window.size, deviceScaleFactor: 1 });
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      await page.goto(fallback.urlFor({ returnUrl, waitSeconds: 2, reason: "unreachable" }));
      await expect.poll(() => page.textContent("h1")).toBe("暂停服务");
      expect(await page.textContent("h1 + .en")).toBe("Service paused");
      expect(await page.title()).toBe("暂停服务 · Service paused");
      expect(await page.textContent("#why-zh")).toBe("暂时无法连接大厅服务器，正在自动重试。");
      opened.push({ page, returnUrl, requested });
    }
    for (const [i, { page }] of opened.entries()) {
      // The first probe finds nothing listening: one failure, then the 5 s step of the schedule.
      await expect.poll(() => page.getAttribute("body", "data-failures"), { timeout: 15_000 }).toBe("1");
      await expect.poll(() => page.textContent("#status-zh")).toMatch(/^\d 秒后重试$/);
      const window = windows[i]!;
      await expectFits(page, window.name);
      await page.screenshot({
        path: join(ARTIFACTS, `fallback-${window.name}-${window.size.width}x${window.size.height}.png`),
      });
    }

    // The hall-server comes back on the port the pages name; each window returns by itself at its next probe.
    const hall = await startTestHall({ config: { port } });
    halls.push(hall);
    for (const [i, { page, returnUrl, requested }] of opened.entries()) {
      const path = new URL(returnUrl).pathname;
      await page.waitForURL((url) => url.pathname === path, { timeout: 30_000 });
      expect(page.url(), windows[i]!.name).toBe(returnUrl);
      // The secret travelled in fragments only: no request carried it to any server.
      expect(requested.filter((url) => url.includes(SECRET) || url.includes("secret"))).toEqual([]);
      expect(requested).toContain(`${hallUrl}/health`);
      await page.close();
    }
    expect(opened.map(({ returnUrl }) => new URL(returnUrl).pathname)).toEqual(["/counter", "/window/2", "/window/2"]);
  });

  it("when a window's renderer keeps failing, then the page says the window's screen is recovering, in the counter's words", async () => {
    const hall = await startTestHall();
    halls.push(hall);
    const page = await browser.newPage({ viewport: windowSizes().windowScreen, deviceScaleFactor: 1 });
    const returnUrl = counterPageUrl(pagesAt(hall.url), "windowScreen", AGENT);
    await page.goto(fallback.urlFor({ returnUrl, waitSeconds: 60, reason: "restarting" }));
    await expect.poll(() => page.textContent("#why-zh")).toBe("本窗口屏幕正在恢复，请稍候。");
    expect(await page.textContent("#why-en")).toBe("This window's screen is recovering; please wait.");
    await page.screenshot({ path: join(ARTIFACTS, "fallback-window-screen-restarting.png") });
    // Staff (or a technician) need not wait the minute out: 立即重试 probes now and the screen returns.
    await page.click("#retry-now");
    await page.waitForURL((url) => url.pathname === "/window/2", { timeout: 10_000 });
    expect(page.url()).toBe(returnUrl);
    await page.close();
  });

  it("when its address is broken, then it says so in the counter's words and never navigates", async () => {
    const page = await browser.newPage({ viewport: windowSizes().console, deviceScaleFactor: 1 });
    await page.goto(`${fallback.origin}/index.html#return=javascript%3Aalert(1)`);
    await expect.poll(() => page.textContent("#status-zh")).toBe("窗口设置有误，请联系大厅管理员。");
    expect(await page.textContent("#status-en")).toBe(
      "Counter setup fault (return= must be an http(s) URL); please call the hall's technician.",
    );
    expect(await page.isVisible("#retry-now")).toBe(false);
    await new Promise((done) => setTimeout(done, 1500));
    expect(new URL(page.url()).pathname).toBe("/index.html");
    await page.close();
  });
});
