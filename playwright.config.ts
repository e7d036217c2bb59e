/**
 * Browser tests (`npm run test:browser`, part of `npm test`): @playwright/test in Debian's Chromium. One project per
 * suite; each keeps its screenshots, traces and videos under artifacts/<suite>/ (git-ignored). The kiosk and counter
 * suites add their projects here.
 */
import { defineConfig } from "@playwright/test";
import { DEBIAN_CHROMIUM } from "./tests/support/chromium.ts";

const chromium = DEBIAN_CHROMIUM;

export default defineConfig({
  testDir: "tests/browser",
  testMatch: "**/*.spec.ts",
  // Builds the hall's pages that are missing or stale (the same build as npm run build:pages and npm run demo).
  globalSetup: "./tests/browser/buildPages.setup.ts",
  // The machine is shared and small: one browser at a time; starting the demo takes several seconds of it.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    launchOptions: chromium,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "on",
    screenshot: "on",
  },
  projects: [
    {
      name: "hardware-panel",
      testMatch: "hardwarePanel.spec.ts",
      outputDir: "artifacts/hardware-panel/results",
      use: { viewport: { width: 1280, height: 900 } },
    },
    {
      name: "status-page",
      testMatch: "statusPage.spec.ts",
      outputDir: "artifacts/status-page/results",
      // A phone: 390×844 CSS px, device pixel ratio 1, touch.
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
    },
    {
      name: "kiosk",
      testMatch: "kiosk.spec.ts",
      outputDir: "artifacts/kiosk/results",
      // The kiosk's touchscreen; each test sets portrait (1080×1920) or landscape (1920×1080) itself. DPR 1.
      use: { viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, hasTouch: true, actionTimeout: 10_000 },
    },
    {
      name: "hall-screen",
      testMatch: "hall-screen.spec.ts",
      outputDir: "artifacts/hall-screen/results",
      // The hall's big screen at 1080p (the screenshots test 4K and portrait too). Audio needs a click first, as in
      // a browser nobody configured: the page's "enable sound" step is part of what is tested.
      use: {
        viewport: { width: 1920, height: 1080 },
        deviceScaleFactor: 1,
        launchOptions: { ...chromium, args: [...chromium.args, "--autoplay-policy=user-gesture-required"] },
      },
    },
    {
      name: "counter-pages",
      testMatch: "counter-pages.spec.ts",
      // artifacts/counter/ is shared with the counter end-to-end suite: this suite's results have their own folder.
      outputDir: "artifacts/counter/pages-results",
      use: { viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, actionTimeout: 10_000 },
    },
    {
      // Issue 11's end to end: a real hall-server killed and restarted mid-session, a counter agent process, the
      // virtual keypads and LED strip on PTYs; about 5 minutes here. Each page sets its own viewport.
      name: "counter",
      testMatch: "counter.spec.ts",
      outputDir: "artifacts/counter/results",
      timeout: 240_000,
      use: {
        deviceScaleFactor: 1,
        actionTimeout: 15_000,
        // The hall screen as an unattended screen runs (README: the Chromium flag): it speaks without a click.
        launchOptions: { ...chromium, args: [...chromium.args, "--autoplay-policy=no-user-gesture-required"] },
      },
    },
  ],
});
