/**
 * The hardware panel as a visitor uses it, against `hall-server demo` (its devices on socat PTYs): the page in
 * Chinese and English with no serious accessibility violation, a sample card placed and lifted, paper out and the
 * printer's condition, (through the station agent) a ticket taken and its image appearing, and (through window 2's
 * counter agent) the ticket called with the panel's caller key: the console, the hall screen and the LED strip.
 */
import { execFile } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./accessibility.ts";
import { bannerLine, bannerValue, startDemo, type DemoProcess } from "./demoProcess.ts";
import { middayZone } from "../support/hallZone.ts";

const ARTIFACTS = "artifacts/hardware-panel";

let demo: DemoProcess;

test.beforeAll(async () => {
  // About noon in the hall: the tickets taken and called stay on one service day (hallZone.ts).
  demo = await startDemo(middayZone());
});

test.afterAll(async () => {
  expect(await demo?.stop()).toBe(0);
});

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

  const scanner = kiosk.getByTestId("scanner");
  await expect(scanner.getByText(/^预约码 · /)).toHaveCount(2);
  await scanner.getByTestId("scan-6901234567892").click();
  await expect(page.getByTestId("reply")).toHaveText("已完成");
  await scanner.getByTestId("scan-custom").fill("预约");
  await scanner.getByTestId("scan-custom-go").click();
  await expect(page.getByTestId("reply")).toContainText("未执行");
  await page.screenshot({ path: `${ARTIFACTS}/04-scanner.png`, fullPage: true, animations: "disabled" });

  await kiosk.getByTestId("printer-unplug").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("已拔出");
  await kiosk.getByTestId("printer-plug").click();
  await expect(kiosk.getByTestId("printer-unplug")).toBeVisible();
});

test("the panel switches to English and stays accessible", async ({ page }) => {
  await page.goto(demo.panelUrl);
  await page.getByTestId("language").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Virtual hardware panel");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("kiosk-1").getByTestId("printer-status")).toHaveText("Condition: OK");
  await page.screenshot({ path: `${ARTIFACTS}/05-panel-en.png`, fullPage: true, animations: "disabled" });
  await expectAccessible(page, "the panel in English");
  await page.getByTestId("language").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("虚拟硬件面板");
});

/** Run the banner's "take one" line as a visitor pastes it into a shell: its exit code and output. */
function takeOne(command: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile("bash", ["-c", command], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

test("a ticket taken through the agent appears on the panel as it prints; with paper out the take is refused", async ({
  page,
}) => {
  await page.goto(demo.panelUrl);
  const tickets = page.getByTestId("tickets").locator("figure");
  const before = await tickets.count();
  const take = bannerLine(demo.banner, "take one");
  expect(take).toMatch(/^node \S*take\.js 'http:\/\/127\.0\.0\.1:\d+\/kiosk#agent=[^']+&secret=[^']+' \S+$/);

  const taken = await takeOne(take);
  expect(taken.out).toMatch(/^[A-Z]+\d+ .+: \d+ ahead\n$/);
  expect(taken.code).toBe(0);
  await expect(tickets).toHaveCount(before + 1);
  const image = tickets.first().locator("img");
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await page.screenshot({ path: `${ARTIFACTS}/06-ticket-printed.png`, fullPage: true, animations: "disabled" });

  const kiosk = page.getByTestId("kiosk-1");
  await kiosk.getByTestId("paper-out").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 缺纸");
  const refused = await takeOne(take);
  expect(refused.code).toBe(1);
  expect(refused.out).toMatch(/^refused: .*paper.*\n$/i);
  await page.screenshot({ path: `${ARTIFACTS}/07-paper-out-refused.png`, fullPage: true, animations: "disabled" });
  await expect(tickets).toHaveCount(before + 1);
  await kiosk.getByTestId("paper-ok").click();
  await expect(kiosk.getByTestId("printer-status")).toHaveText("状态: 正常");
});

/** The text box of an Element Plus input marked `testId` (the mark lands on the <input> or on its wrapper). */
const field = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

test("as a new user: tickets taken, staff signed in on console 2, the panel's next key calls one; the console, the hall screen and the LED strip show it", async ({
  page,
  context,
}) => {
  await page.goto(demo.panelUrl);
  const panelWindow = page.getByTestId("window-2");
  // Nobody is signed in at window 2 yet: its strip says the window is not serving.
  await expect(panelWindow.getByTestId("led-text")).toHaveText("暂停服务");

  // One more ticket (the earlier test took one too): one of them is called next, the earliest.
  const taken = await takeOne(bannerLine(demo.banner, "take one"));
  expect(taken.code).toBe(0);

  const desk = await context.newPage();
  await desk.setViewportSize({ width: 1600, height: 900 });
  await desk.goto(bannerValue(demo.banner, "console 2"));
  await expect(desk.getByTestId("window-label")).toContainText(/2 ?号窗口/);
  await field(desk, "employee-no").fill("GW006");
  await field(desk, "pin").fill("123456");
  await desk.keyboard.press("Enter");
  await expect(desk.getByTestId("staff")).toContainText("GW006");

  // The hall screen from the banner is paired in advance: no code to type, and the token leaves the address bar.
  const screen = await context.newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await screen.goto(bannerValue(demo.banner, "hall screen"));
  await expect(screen.getByTestId("window-grid")).toBeVisible();
  expect(screen.url()).not.toContain("token=");

  await page.bringToFront();
  await expect(panelWindow.getByTestId("led-text")).toHaveText("欢迎光临");
  await panelWindow.getByTestId("key-next").click();
  await expect(page.getByTestId("reply")).toHaveText("已完成");
  await expect(desk.getByTestId("current-number")).toHaveText(/^[A-Z]+\d+$/);
  const number = (await desk.getByTestId("current-number").textContent())!.trim();
  await expect(panelWindow.getByTestId("led-text")).toHaveText(`请${number}号到2号窗口`);
  await expect(screen.getByTestId("window-2-ticket")).toHaveText(number);
  await page.screenshot({ path: `${ARTIFACTS}/08-window-2-called.png`, fullPage: true, animations: "disabled" });
  await expectAccessible(page, "the panel with a call on window 2's strip");

  // The evaluation keypad: with no rating asked for, the panel shows what the key sent.
  await panelWindow.getByTestId("rate-1").click();
  await expect(panelWindow.getByTestId("evaluator-sent")).toContainText("按键 1（非常满意）");
  // The strip's cable pulled and plugged back.
  await panelWindow.getByTestId("led-unplug").click();
  await expect(panelWindow.getByTestId("led-status")).toHaveText("已拔出");
  await panelWindow.getByTestId("led-plug").click();
  await expect(panelWindow.getByTestId("led-unplug")).toBeVisible();
  await desk.close();
  await screen.close();
});
