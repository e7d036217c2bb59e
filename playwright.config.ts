/**
 * Browser tests (`npm run test:browser`, part of `npm test`): @playwright/test in Debian's Chromium. One project per
 * suite; each keeps its screenshots, traces and videos under artifacts/<suite>/ (git-ignored). The kiosk and counter
 * suites add their projects here.
 */
import { defineConfig } from "@playwright/test";

const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "tests/browser",
  testMatch: "**/*.spec.ts",
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
  ],
});
