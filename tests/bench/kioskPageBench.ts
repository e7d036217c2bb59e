/**
 * Bench section 9: the kiosk page, ready for a first tap, in Debian's Chromium on loopback with a cold cache: from
 * navigation start until the home screen's first choice is visible and enabled (the agent connected and the
 * catalogue read). Beside it, the baseline of the same run: the hall's tiny /health answer loaded the same way. (The
 * page's initial download is section 8's, pageDownload.ts, for every hall page.) The station agent runs in this
 * process with virtual devices over in-memory links (the page needs its catalogue and its "welcome").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { chromium, type Browser } from "playwright-core";
import { ensureHallPages } from "../../hall-server/src/pages/ensureHallPages.ts";
import { startAgent } from "../../station-agent/src/index.ts";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { DEBIAN_CHROMIUM } from "../support/chromium.ts";
import type { BenchHall } from "./benchHall.ts";

export interface KioskPageResult {
  /** Per cold load: ms until the first choice could be tapped. */
  readyMs: number[];
  /** Per cold load of the baseline: ms until its load event. */
  baselineMs: number[];
}

/** One cold load of `url` in a fresh context: ms until `selector` is visible and enabled (else the load event). */
async function coldLoad(browser: Browser, url: string, selector: string | null): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(url, { waitUntil: selector === null ? "load" : "commit" });
  if (selector !== null) await page.locator(selector).and(page.locator(":enabled")).waitFor({ state: "visible" });
  const ms = performance.now() - start;
  await context.close();
  return ms;
}

/** `runs` cold loads of the kiosk page and of the baseline on `hall`. */
export async function runKioskPageBench(hall: BenchHall, runs = 10): Promise<KioskPageResult> {
  await ensureHallPages();
  const token = hall.tokens["kiosk-1"];
  if (!token) throw new Error('the demo hall has no device "kiosk-1"');
  const dir = mkdtempSync(join(tmpdir(), "onewindow-kiosk-bench-"));
  writeFileSync(join(dir, "token"), token + "\n", { mode: 0o600 });
  writeFileSync(
    join(dir, "station.json"),
    JSON.stringify({
      hallUrl: hall.url,
      station: { kind: "kiosk", name: "kiosk-1" },
      logLevel: "warn",
      devices: {
        printer: { profile: "generic-80", link: { kind: "virtual" } },
        idCardReader: { link: { kind: "virtual" } },
      },
    }),
  );
  const config = parseStationConfig(JSON.parse(readFileSync(join(dir, "station.json"), "utf8")), dir);
  const agent = await startAgent(config, { log: pino({ level: "silent" }), virtualOverMemory: true });
  const browser = await chromium.launch(DEBIAN_CHROMIUM);
  try {
    const result: KioskPageResult = { readyMs: [], baselineMs: [] };
    for (let i = 0; i < runs; i++) {
      result.readyMs.push(await coldLoad(browser, `${hall.url}/kiosk#${agent.fragment}`, "[data-go=category]"));
      result.baselineMs.push(await coldLoad(browser, `${hall.url}/health`, null));
    }
    return result;
  } finally {
    await browser.close();
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
