/**
 * The phone status page (/t/<token>) as a citizen follows it, against a real `hall-server start` on port 0 (the demo
 * hall's catalogue and devices): the page updates by itself while others are called, shows the call to a window and a
 * recall, the end of service, a transfer, a no-show with its reactivation deadline, the day's end, English, the alert
 * at the chosen number of people ahead, and an unknown token. Axe finds no serious or critical violation; screenshots
 * and traces go to artifacts/status-page/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./accessibility.ts";
import type { PublicTicketStatus, TicketView } from "@onewindow/contract";
import {
  call,
  prepareDemoHall,
  signInDemoStaff,
  spawnHall,
  type DemoHall,
  type HallProcess,
} from "../support/hallProcess.ts";
import { dayEndZones, hallClockNear, middayZone, PC_ZONE } from "../support/hallZone.ts";

// The phone is set to another zone than the hall's (a visitor's, or one never set): times on the page are the hall's.
test.use({ timezoneId: PC_ZONE });

const ARTIFACTS = "artifacts/status-page";
const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询与帮办代办服务, windows 1-3
const MAILING = "11441702007046212W200010200100"; // 政务服务证照免费邮寄, windows 1-3
/** The hall's zone: about noon there now, and another offset than the phone's (hallZone.ts). */
const HALL_ZONE = middayZone();

let demo: DemoHall;
let hall: HallProcess;
let staff: string[];

test.beforeAll(async () => {
  demo = await prepareDemoHall({ timeZone: HALL_ZONE });
  hall = await spawnHall(["start", "--config", demo.configPath]);
  staff = await signInDemoStaff(demo, hall.url);
});

test.afterAll(async () => {
  hall?.child.kill("SIGTERM");
  await hall?.exited;
});

/** POST as `token`, expecting 2xx. */
async function post<T>(path: string, token: string, body: unknown = {}): Promise<T> {
  const res = await call<T>(hall.url, "POST", path, token, body);
  expect(res.status, `POST ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}
const issue = async (itemCode = ENQUIRY) =>
  (await post<{ ticket: TicketView }>("/api/tickets", demo.tokens["online-hall"]!, { itemCode })).ticket;
const at = (window: 1 | 2 | 3) => staff[window - 1]!;

/** Record the alert's vibrations and tones (navigator.vibrate, OscillatorNode.start) before the page loads. */
async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { alerts: { vibrations: number; tones: number } };
    w.alerts = { vibrations: 0, tones: 0 };
    Object.defineProperty(navigator, "vibrate", {
      value: () => {
        w.alerts.vibrations++;
        return true;
      },
    });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (when?: number) {
      w.alerts.tones++;
      start.call(this, when);
    };
  });
}
const alerts = (page: Page) =>
  page.evaluate(() => (window as unknown as { alerts: { vibrations: number; tones: number } }).alerts);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true, animations: "disabled" });

test("a waiting citizen sees people ahead fall as others are called, is alerted, called to window 1, recalled, served, done", async ({
  page,
}) => {
  const first = await issue();
  const second = await issue();
  const mine = await issue();
  await recordAlerts(page);
  await page.goto(`${hall.url}/t/${mine.publicToken}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("排队进度");
  await expect(page.getByTestId("number")).toHaveText(mine.number);
  await expect(page.getByTestId("state")).toHaveText("排队中");
  await expect(page.getByTestId("ahead")).toHaveText("2");
  await expect(page.getByTestId("wait")).toHaveText(/分钟|无需等待|暂无窗口/);
  await expect(page.getByTestId("last-called")).toHaveText("今日此事项尚未叫号");
  const hallMinutes = hallClockNear(Date.now(), 1, HALL_ZONE).join("|");
  await expect(page.getByTestId("updated")).toHaveText(new RegExp(`^更新于 (${hallMinutes}):\\d\\d`));
  await shot(page, "01-waiting-zh");
  await expectAccessible(page, "waiting");

  // The citizen asks to be alerted when one person is ahead.
  await page.getByTestId("alert-1").click();
  await expect(page.getByTestId("alert-armed")).toHaveText("前面剩 1 人时提醒您");
  await expect(page.getByTestId("alert-notice")).toHaveCount(0);

  await post("/api/counter/call-next", at(1));
  await expect(page.getByTestId("ahead")).toHaveText("1");
  await expect(page.getByTestId("last-called")).toHaveText(`${first.number}（1 号窗口）`);
  await expect(page.getByTestId("alert-notice")).toHaveText("快到您了！前面还有 1 人，请回到等候区。");
  expect(await alerts(page)).toEqual({ vibrations: 1, tones: 3 });
  await shot(page, "02-alert-one-ahead");
  await expectAccessible(page, "the alert");

  await post("/api/counter/start", at(1));
  await post("/api/counter/finish", at(1));
  await post("/api/counter/call-next", at(1));
  await expect(page.getByTestId("ahead")).toHaveText("下一位就是您");
  await expect(page.getByTestId("last-called")).toHaveText(`${second.number}（1 号窗口）`);
  // One alert per crossing: falling further does not ring again.
  expect((await alerts(page)).vibrations).toBe(1);

  await post("/api/counter/start", at(1));
  await post("/api/counter/finish", at(1));
  const called = await post<TicketView>("/api/counter/call-next", at(1));
  expect(called.number).toBe(mine.number);
  await expect(page.getByTestId("called")).toHaveText("请到 1 号窗口办理");
  await expect(page.getByTestId("state")).toHaveText("请到窗口办理");
  await expect(page.getByTestId("alert-notice")).toHaveText("轮到您了！请到 1 号窗口办理。");
  expect((await alerts(page)).vibrations).toBe(2);
  await shot(page, "03-called-window-1");
  await expectAccessible(page, "called");

  await post("/api/counter/recall", at(1));
  await expect(page.getByTestId("recalled")).toHaveText("已重复叫号 1 次，请尽快前往");
  await shot(page, "04-recalled");

  await post("/api/counter/start", at(1));
  await expect(page.getByTestId("serving")).toHaveText("正在 1 号窗口为您办理");
  await post("/api/counter/finish", at(1));
  await expect(page.getByTestId("done")).toHaveText("本次业务已办理完成，感谢您的耐心等候。");
  await expect(page.getByTestId("state")).toHaveText("办理完成");
  await shot(page, "05-done");
  await expectAccessible(page, "done");
});

test("a transferred citizen reads which service their number moved to and which window to go to", async ({ page }) => {
  const mine = await issue(ENQUIRY);
  await page.goto(`${hall.url}/t/${mine.publicToken}`);
  await expect(page.getByTestId("state")).toHaveText("排队中");
  await post("/api/counter/call", at(2), { ticketId: mine.id });
  await expect(page.getByTestId("called")).toHaveText("请到 2 号窗口办理");
  await post("/api/counter/start", at(2));
  await post("/api/counter/transfer", at(2), { itemCode: MAILING, toWindowNumber: 3 });
  await expect(page.getByTestId("transfer")).toContainText(
    "您的业务已由「综合咨询与帮办代办服务」转为「政务服务证照免费邮寄」，号码不变，请继续等候。",
  );
  await expect(page.getByTestId("transfer-window")).toHaveText("转办后请留意叫号，到 3 号窗口办理。");
  await expect(page.getByTestId("item")).toHaveText("政务服务证照免费邮寄");
  await expect(page.getByTestId("number")).toHaveText(mine.number);
  await expect(page.getByTestId("state")).toHaveText("排队中");
  await shot(page, "06-transferred");
  await expectAccessible(page, "transferred");
  // Window 3 takes it from there, and passes it on to window 1 for the same service.
  await post("/api/counter/call", at(3), { ticketId: mine.id });
  await expect(page.getByTestId("called")).toHaveText("请到 3 号窗口办理");
  await post("/api/counter/start", at(3));
  await post("/api/counter/transfer", at(3), { itemCode: MAILING, toWindowNumber: 1 });
  await expect(page.getByTestId("transfer")).toContainText("您的号码已转到其他窗口办理，号码不变，请继续等候。");
  await expect(page.getByTestId("transfer-window")).toHaveText("转办后请留意叫号，到 1 号窗口办理。");
  await post("/api/counter/call", at(1), { ticketId: mine.id });
  await expect(page.getByTestId("called")).toHaveText("请到 1 号窗口办理");
  await post("/api/counter/start", at(1));
  await post("/api/counter/finish", at(1));
  await expect(page.getByTestId("done")).toBeVisible();
});

test("a citizen who missed the call sees the no-show and until when staff can put them back; then in English", async ({
  page,
}) => {
  const mine = await issue();
  await page.goto(`${hall.url}/t/${mine.publicToken}`);
  await post("/api/counter/call", at(3), { ticketId: mine.id });
  await expect(page.getByTestId("called")).toHaveText("请到 3 号窗口办理");
  await post("/api/counter/no-show", at(3));
  await expect(page.getByTestId("state")).toHaveText("已过号");
  await expect(page.getByTestId("no-show")).toHaveText("叫号时您未到窗口，此号已过号。");
  const status = (await call<PublicTicketStatus>(hall.url, "GET", `/api/public/tickets/${mine.publicToken}`)).body;
  const [until] = hallClockNear(status.reactivateUntil!, 0, HALL_ZONE);
  await expect(page.getByTestId("reactivate")).toHaveText(`${until} 前可请工作人员恢复排队（还剩约 30 分钟）。`);
  await shot(page, "07-no-show");
  await expectAccessible(page, "no-show");

  await page.getByTestId("language").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your place in line");
  await expect(page.getByTestId("state")).toHaveText("Missed call");
  // The item's name in English too (the catalogue's), not left in Chinese.
  await expect(page.getByTestId("item")).toHaveText("General enquiries and assisted application");
  await expect(page.getByTestId("reactivate")).toContainText("(about 30 min left)");
  await shot(page, "08-no-show-en");
  await expectAccessible(page, "no-show in English");

  // Staff put it back in line: the page follows, in English now.
  await post(`/api/tickets/${mine.id}/reactivate`, at(3));
  await expect(page.getByTestId("state")).toHaveText("Waiting");
  await expect(page.getByTestId("ahead")).toHaveText("You are next");
  await shot(page, "09-reactivated-en");
  await expectAccessible(page, "waiting in English");
  await page.getByTestId("language").click();
  await expect(page.getByTestId("state")).toHaveText("排队中");
  await post("/api/tickets/" + String(mine.id) + "/cancel", at(3));
  await expect(page.getByTestId("cancelled")).toBeVisible();
});

test("an unknown token or a cut-short link shows a plain message", async ({ page }) => {
  await page.goto(`${hall.url}/t/no-such-ticket-token-here`);
  await expect(page.getByTestId("unknown")).toContainText("找不到这张号票");
  await shot(page, "10-unknown-token");
  await expectAccessible(page, "unknown token");
  await page.goto(`${hall.url}/t/`);
  await expect(page.getByTestId("unknown")).toContainText("请扫描小票上的二维码");
});

test("when the service day ends while the ticket waits, the page says it has expired", async ({ page }) => {
  // A hall of its own, whose day now runs a day behind Kiritimati's and an hour or more from its end (hallZone.ts).
  const zones = dayEndZones();
  hall.child.kill("SIGTERM");
  await hall.exited;
  demo = await prepareDemoHall({ timeZone: zones.before });
  hall = await spawnHall(["start", "--config", demo.configPath]);
  const mine = await issue();
  await page.goto(`${hall.url}/t/${mine.publicToken}`);
  await expect(page.getByTestId("state")).toHaveText("排队中");
  // Restart the hall a day later (its zone moved across the date line): the waiting ticket of the ended day expires.
  hall.child.kill("SIGTERM");
  await hall.exited;
  const config = JSON.parse(readFileSync(demo.configPath, "utf8")) as Record<string, unknown>;
  writeFileSync(demo.configPath, JSON.stringify({ ...config, timeZone: zones.after }, null, 2));
  hall = await spawnHall(["start", "--config", demo.configPath]);
  await page.goto(`${hall.url}/t/${mine.publicToken}`);
  await expect(page.getByTestId("state")).toHaveText("已失效");
  await expect(page.getByTestId("expired")).toHaveText("今日服务已结束，此号已失效。请在办理时间内重新取号。");
  await shot(page, "11-expired");
  await expectAccessible(page, "expired");
});
