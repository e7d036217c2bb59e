/**
 * The hall screen (/hall-screen) against a real `hall-server start` (the demo hall's catalogue, a real SQLite file,
 * loopback): paired with the 8-digit code of a screen device an admin created; calls appear in the window grid, the
 * latest calls and as a caption; two calls play their audio one after the other (the page's <audio> element events,
 * recorded in the page); the server is killed and restarted mid-session and the page recovers without a reload;
 * notices scroll; a revoked screen goes back to pairing. Axe on every screen; screenshots of 1920×1080, 1080×1920,
 * 3840×2160 and 2160×3840 under artifacts/hall-screen/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { CreatedDevice, Notice, TicketView } from "@onewindow/contract";
import { expectAccessible } from "./accessibility.ts";
import { hallClockNear, middayZone, PC_ZONE } from "../support/hallZone.ts";
import {
  call,
  prepareDemoHall,
  signInDemoStaff,
  spawnHall,
  type DemoHall,
  type HallProcess,
} from "../support/hallProcess.ts";

const ARTIFACTS = "artifacts/hall-screen";
const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询与帮办代办服务, windows 1-3
const MAILING = "11441702007046212W200010200100"; // 政务服务证照免费邮寄, windows 1-3
/** The hall's zone: about noon there now, and another offset than the PC's (hallZone.ts). */
const HALL_ZONE = middayZone();

let demo: DemoHall;
let hall: HallProcess;
let staff: string[];
let admin: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  demo = await prepareDemoHall({ timeZone: HALL_ZONE });
  hall = await spawnHall(["start", "--config", demo.configPath]);
  // The restart test needs the page's origin back: the hall keeps the port it was given.
  const config = JSON.parse(readFileSync(demo.configPath, "utf8")) as Record<string, unknown>;
  writeFileSync(demo.configPath, JSON.stringify({ ...config, port: Number(new URL(hall.url).port) }, null, 2));
  staff = await signInDemoStaff(demo, hall.url);
  admin = await signInAdmin();
});

test.afterAll(async () => {
  hall?.child.kill("SIGTERM");
  await hall?.exited;
});

async function signInAdmin(): Promise<string> {
  const res = await call<{ token: string }>(hall.url, "POST", "/api/auth/login", undefined, {
    employeeNo: "GW001",
    password: "onewindow-admin",
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token;
}

/** POST as `token`, expecting 2xx. */
async function post<T>(path: string, token: string, body: unknown = {}): Promise<T> {
  const res = await call<T>(hall.url, "POST", path, token, body);
  expect(res.status, `POST ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}
const issue = async (itemCode = ENQUIRY) =>
  (await post<{ ticket: TicketView }>("/api/tickets", demo.tokens["online-hall"]!, { itemCode })).ticket;
const at = (window: 1 | 2 | 3) => staff[window - 1]!;
/** A new screen device and its one-time pairing code (what an admin does on the devices page). */
const newScreen = (name: string) => post<CreatedDevice>("/api/devices", admin, { name, kind: "screen" });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${ARTIFACTS}/${name}.png`, animations: "disabled" });

interface AudioRecord {
  type: "playing" | "ended";
  t: number;
  /** Seconds of the clip (tells an announcement from the 0.1 s of silence that unlocks sound). */
  duration: number;
  /** The caption on screen when it happened. */
  caption: string | null;
}

/** Record every media element's playing and ended events, with the caption shown at that moment, from page load. */
async function recordAudio(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { audioLog: AudioRecord[] };
    w.audioLog = [];
    for (const type of ["playing", "ended"] as const)
      document.addEventListener(
        type,
        (e) => {
          const media = e.target as HTMLMediaElement;
          w.audioLog.push({
            type,
            t: performance.now(),
            duration: media.duration,
            caption: document.querySelector('[data-testid="caption-zh"]')?.textContent ?? null,
          });
        },
        true,
      );
  });
}
/** The announcements' audio events so far (the unlocking silence left out). */
const announcementAudio = async (page: Page) =>
  (await page.evaluate(() => (window as unknown as { audioLog: AudioRecord[] }).audioLog)).filter(
    (r) => r.duration > 0.5,
  );

/** Open the screen and pair it with a fresh screen device's code; the display then shows the hall. */
async function openPaired(page: Page, name: string): Promise<CreatedDevice> {
  const device = await newScreen(name);
  await page.goto(`${hall.url}/hall-screen`);
  await page.getByTestId("pairing-code").locator("input").fill(device.pairingCode);
  await page.getByTestId("pairing-submit").click();
  await expect(page.getByTestId("link-state")).toHaveText("已连接");
  return device;
}

test("a screen pairs with its 8-digit code; a call shows in its window, heads the latest calls and is captioned", async ({
  page,
}) => {
  await recordAudio(page);
  const device = await newScreen("大厅屏幕 1");
  await page.goto(`${hall.url}/hall-screen`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("配对叫号大屏");
  await shot(page, "01-pairing");
  await expectAccessible(page, "pairing");
  // English one click away; the choice is kept (the display's headings then lead with English).
  await page.getByTestId("language").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pair this hall screen");
  await shot(page, "01-pairing-en");
  await expectAccessible(page, "pairing in English");
  await page.getByTestId("language").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("配对叫号大屏");

  // A malformed code is refused here; a wrong one by the hall; each says why.
  const codeInput = page.getByTestId("pairing-code").locator("input");
  await codeInput.fill("1234");
  await page.getByTestId("pairing-submit").click();
  await expect(page.getByTestId("pairing-problem")).toHaveText("配对码是 8 位数字。");
  const wrong = device.pairingCode === "00000000" ? "11111111" : "00000000";
  await codeInput.fill(wrong);
  await page.getByTestId("pairing-submit").click();
  await expect(page.getByTestId("pairing-problem")).toHaveText(
    "配对码不正确、已使用或已过期，请向管理员索取新的配对码。",
  );
  await codeInput.fill(device.pairingCode);
  await page.getByTestId("pairing-submit").click();
  await expect(page.getByTestId("link-state")).toHaveText("已连接");
  await expect(page.getByTestId("hall-name")).not.toHaveText("叫号大屏");
  await expect(page.getByTestId("window-1-state")).toHaveText("等待叫号");

  // The token is kept: a reload comes straight back to the display, no code asked.
  await page.reload();
  await expect(page.getByTestId("link-state")).toHaveText("已连接");
  await expect(page.getByTestId("pairing-code")).toHaveCount(0);

  // Sound is locked until someone clicks (this browser requires a gesture): the button unlocks it and goes away.
  await expect(page.getByTestId("sound-enable")).toBeVisible();
  await page.getByTestId("sound-enable").click();
  await expect(page.getByTestId("sound-enable")).toHaveCount(0);

  const ticket = await issue();
  const called = await post<TicketView>("/api/counter/call-next", at(1));
  expect(called.number).toBe(ticket.number);
  await expect(page.getByTestId("window-1-ticket")).toHaveText(ticket.number);
  await expect(page.getByTestId("window-1-state")).toHaveText("请到窗口");
  await expect(page.getByTestId("recent-newest")).toContainText(ticket.number);
  await expect(page.getByTestId("recent-newest")).toContainText("1 号窗口");
  const spoken = `请 ${ticket.number} 号到 1 号窗口办理`;
  await expect(page.getByTestId("caption-zh")).toHaveText(spoken);
  await shot(page, "02-first-call-captioned");
  await expectAccessible(page, "the display with a caption");
  // The caption stays while it is said, and goes when it has been said.
  await expect(page.getByTestId("caption")).toHaveCount(0, { timeout: 60_000 });
  const audio = await announcementAudio(page);
  expect(audio.map((r) => r.type)).toEqual(["playing", "ended"]);
  expect(audio[0]!.caption).toBe(spoken);

  await post("/api/counter/start", at(1));
  await expect(page.getByTestId("window-1-state")).toHaveText("办理中");
  await post("/api/counter/finish", at(1), { handledItemCodes: [ENQUIRY] });
  await expect(page.getByTestId("window-1-ticket")).toHaveText("—");
});

test("two calls at once are said one after the other, never overlapping; a recall is said too", async ({ page }) => {
  await recordAudio(page);
  await openPaired(page, "大厅屏幕 2");
  // The click that paired the screen was a person's: sound is allowed from then on, no button needed.
  await expect(page.getByTestId("sound-enable")).toHaveCount(0);
  const first = await issue();
  const second = await issue(MAILING);
  await post("/api/counter/call-next", at(2));
  await post("/api/counter/call-next", at(3));
  // The first is said while the second waits its turn; the second's caption comes only after.
  await expect(page.getByTestId("caption-zh")).toHaveText(`请 ${first.number} 号到 2 号窗口办理`);
  await expect(page.getByTestId("caption-zh")).toHaveText(`请 ${second.number} 号到 3 号窗口办理`, {
    timeout: 60_000,
  });
  await post("/api/counter/recall", at(2));
  await expect(page.getByTestId("recent-newest")).toContainText("重复叫号");
  await expect(page.getByTestId("caption")).toHaveCount(0, { timeout: 90_000 });

  const audio = await announcementAudio(page);
  expect(audio.map((r) => r.type)).toEqual(["playing", "ended", "playing", "ended", "playing", "ended"]);
  // Each starts only after the one before it ended, and plays under its own caption.
  for (let i = 2; i < audio.length; i += 2) expect(audio[i]!.t).toBeGreaterThanOrEqual(audio[i - 1]!.t);
  expect(audio.filter((r) => r.type === "playing").map((r) => r.caption)).toEqual([
    `请 ${first.number} 号到 2 号窗口办理`,
    `请 ${second.number} 号到 3 号窗口办理`,
    `请 ${first.number} 号到 2 号窗口办理`,
  ]);
  await post("/api/counter/start", at(2));
  await post("/api/counter/finish", at(2), { handledItemCodes: [ENQUIRY] });
  await post("/api/counter/start", at(3));
  await post("/api/counter/finish", at(3), { handledItemCodes: [MAILING] });
});

test("the hall-server is killed and restarted mid-session: the screen recovers by itself, without a reload", async ({
  page,
}) => {
  await recordAudio(page);
  await openPaired(page, "大厅屏幕 3");
  const before = await issue();
  await post("/api/counter/call-next", at(1));
  await expect(page.getByTestId("window-1-ticket")).toHaveText(before.number);
  // A mark on this page: a reload would wipe it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  hall.child.kill("SIGKILL");
  await hall.exited;
  await expect(page.getByTestId("link-state")).toHaveText("连接中断，正在重连…");
  await shot(page, "05-server-gone");
  hall = await spawnHall(["start", "--config", demo.configPath]);
  await expect(page.getByTestId("link-state")).toHaveText("已连接", { timeout: 60_000 });
  // The same page (never reloaded) shows what it had, and follows the hall again.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expect(page.getByTestId("window-1-ticket")).toHaveText(before.number);
  const after = await issue();
  await post("/api/counter/start", at(1));
  await post("/api/counter/finish", at(1), { handledItemCodes: [ENQUIRY] });
  await post("/api/counter/call-next", at(1));
  await expect(page.getByTestId("window-1-ticket")).toHaveText(after.number);
  await expect(page.getByTestId("recent-newest")).toContainText(after.number);
  // Said after the previous call's announcement, which may still be playing: the hall came back within seconds, and
  // one announcement lasts about 12 s (twice in Mandarin, once in English), up to 5 s more when "ended" is late.
  await expect(page.getByTestId("caption-zh")).toHaveText(`请 ${after.number} 号到 1 号窗口办理`, { timeout: 45_000 });
  await post("/api/counter/start", at(1));
  await post("/api/counter/finish", at(1), { handledItemCodes: [ENQUIRY] });
});

test("the screen's network is lost and comes back: calls made meanwhile show up, without a reload", async ({
  page,
  context,
}) => {
  await openPaired(page, "大厅屏幕 网络");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await context.setOffline(true);
  await expect(page.getByTestId("link-state")).toHaveText("连接中断，正在重连…", { timeout: 60_000 });
  const meanwhile = await issue();
  await post("/api/counter/call-next", at(2));
  await expect(page.getByTestId("window-2-ticket")).not.toHaveText(meanwhile.number);
  await context.setOffline(false);
  await expect(page.getByTestId("link-state")).toHaveText("已连接", { timeout: 60_000 });
  await expect(page.getByTestId("window-2-ticket")).toHaveText(meanwhile.number);
  await expect(page.getByTestId("recent-newest")).toContainText(meanwhile.number);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await post("/api/counter/start", at(2));
  await post("/api/counter/finish", at(2), { handledItemCodes: [ENQUIRY] });
});

test.describe("on a PC whose clock is set to another zone than the hall's", () => {
  test.use({ timezoneId: PC_ZONE });
  test("the screen's clock shows the hall's time, not the PC's", async ({ page }) => {
    await openPaired(page, "大厅屏幕 7");
    const shown = (await page.getByTestId("clock").textContent())!.trim();
    expect(hallClockNear(Date.now(), 1, HALL_ZONE)).toContain(shown);
  });
});

test("notices scroll across the screen, and leave it when withdrawn", async ({ page }) => {
  await openPaired(page, "大厅屏幕 4");
  await expect(page.getByTestId("notices")).toHaveCount(0);
  const text = "今日下午 14:00–15:00 系统维护，不动产登记业务暂停办理，请合理安排时间。";
  const notice = await post<Notice>("/api/notices", admin, { text });
  await expect(page.getByTestId(`notice-${notice.id}`)).toHaveText(text);
  // It moves: the line's position changes from one moment to the next, right to left.
  const line = page.getByTestId("notice-line");
  const x1 = (await line.boundingBox())!.x;
  await expect.poll(async () => (await line.boundingBox())!.x).toBeLessThan(x1 - 20);
  await expectAccessible(page, "notices");
  const res = await call(hall.url, "DELETE", `/api/notices/${notice.id}`, admin);
  expect(res.status).toBe(200);
  await expect(page.getByTestId("notices")).toHaveCount(0);
});

test("a revoked screen goes back to pairing and says why", async ({ page }) => {
  const device = await openPaired(page, "大厅屏幕 5");
  const res = await call(hall.url, "DELETE", `/api/devices/${device.device.id}`, admin);
  expect(res.status).toBe(200);
  await expect(page.getByTestId("token-refused")).toHaveText(
    "大厅已不再接受本屏幕的凭据（设备可能已被撤销），请重新配对。",
  );
  await expect(page.getByTestId("pairing-code")).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("onewindow.hallScreen.token"))).toBeNull();
});

test("the display at 1080p and 4K, landscape and portrait", async ({ page }) => {
  await openPaired(page, "大厅屏幕 6");
  // A busy hall: calls at windows 1-3 (one recalled, one being served), window 2 then paused, notices, people waiting.
  const tickets = [];
  for (const item of [ENQUIRY, ENQUIRY, MAILING, ENQUIRY, MAILING, ENQUIRY]) tickets.push(await issue(item));
  await post("/api/counter/call-next", at(1));
  await post("/api/counter/call-next", at(3));
  await post("/api/counter/recall", at(3));
  await post("/api/counter/start", at(1));
  await post("/api/counter/call-next", at(2));
  await post("/api/counter/start", at(2));
  await post("/api/counter/finish", at(2), { handledItemCodes: [ENQUIRY] });
  await post("/api/counter/pause", at(2), { reason: "暂离，10 分钟后回来" });
  await post("/api/notices", admin, { text: "请携带身份证原件办理业务，复印件不能代替原件。" });
  await post("/api/notices", admin, { text: "本大厅午间 12:00–13:30 照常办理综合咨询业务。" });
  await expect(page.getByTestId("window-2-state")).toHaveText("暂停服务");
  await expect(page.getByTestId("window-2-reason")).toHaveText("暂离，10 分钟后回来");
  await expect(page.getByTestId("notices")).toBeVisible();
  await expect(page.getByTestId("caption")).toHaveCount(0, { timeout: 90_000 });

  for (const [name, width, height] of [
    ["1080p-landscape", 1920, 1080],
    ["1080p-portrait", 1080, 1920],
    ["4k-landscape", 3840, 2160],
    ["4k-portrait", 2160, 3840],
  ] as const) {
    await page.setViewportSize({ width, height });
    // Nothing spills out of the screen: the page never scrolls at any of the four.
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow, name).toEqual({ x: 0, y: 0 });
    await shot(page, `10-${name}`);
  }
  await expectAccessible(page, "the busy hall");
  void tickets;
});
