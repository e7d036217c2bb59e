/**
 * The kiosk page (/kiosk) as citizens use it, against a real hall-server process, a real station agent and its
 * virtual printer, ID-card reader and serial scanner on socat PTY pairs (kioskHarness.ts). The flows in zh-CN; every
 * screen once in English and once in the elderly mode, at 1080×1920 and 1920×1080, with axe (no serious or critical
 * violation), the 适老化 measurements (kioskMeasure.ts) and a screenshot; every ticket read back from the printer's
 * bytes. Screenshots and traces go to artifacts/kiosk/. The suite prints its time (budget about 5 minutes).
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { idcard } from "@onewindow/drivers";
import { ticketFacts } from "../../station-agent/src/ticket/ticketFacts.ts";
import { call } from "../support/hallProcess.ts";
import { expectAccessible } from "./accessibility.ts";
import { breaches, ELDERLY, measure, STANDARD, type Thresholds } from "./kioskMeasure.ts";
import { middayZone } from "../support/hallZone.ts";
import { PUBLIC_BASE_URL, startKioskHall, type KioskHall } from "./kioskHarness.ts";

const ARTIFACTS = "artifacts/kiosk";
/** The hall's zone: about noon there now, so no ticket or appointment of the suite outlives its day (hallZone.ts). */
const TIME_ZONE = middayZone();
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
let kiosk: KioskHall;
const started = Date.now();

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  kiosk = await startKioskHall(TIME_ZONE);
});

test.afterAll(async () => {
  await kiosk?.stop();
  const line = `kiosk suite: ${((Date.now() - started) / 1000).toFixed(1)} s (budget about 300 s)\n`;
  process.stdout.write(line);
  writeFileSync(join(ARTIFACTS, "suite-time.txt"), line);
});

const printer = () => kiosk.agent.devices.virtual.printer!.device;
const reader = () => kiosk.agent.devices.virtual.idCardReader!.device;
const scanner = () => kiosk.agent.devices.virtual.scanner!.device;

async function open(page: Page, query = ""): Promise<void> {
  // A fresh load each time (the same URL again would only be a same-document fragment change).
  await page.goto("about:blank");
  await page.goto(kiosk.pageUrl(query));
  await expect(page.locator("[data-go=category]")).toBeVisible();
}

/** Axe, the measurements against `t`, and a screenshot named `name`. */
async function check(page: Page, name: string, t: Thresholds = STANDARD): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, animations: "disabled" });
  await expectAccessible(page, name);
  expect(breaches(await measure(page), t), `measurements on ${name}`).toEqual([]);
}

const guideOf = async (page: Page, code: string) => {
  await page.locator("[data-go=search]").click();
  await page.locator("[data-search] input").fill(code);
  await page.locator(`[data-choice="${code}"]`).click();
  await expect(page.locator("[data-limit]")).toBeVisible();
};

/** Take a ticket on the guide screen with `button` and read the paper that came out. */
async function takeAndRead(page: Page, button: string) {
  const before = printer().tickets.length;
  await page.locator(button).click();
  await expect(page.locator("[data-number]")).toBeVisible();
  const number = (await page.locator("[data-number]").textContent())!.trim();
  await expect.poll(() => printer().tickets.length).toBe(before + 1);
  const facts = ticketFacts(printer().tickets.at(-1)!);
  expect(facts.number).toBe(number);
  return { number, facts };
}

test("a citizen browses by category, reads the guide and takes a ticket; the paper says everything the screen did", async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await check(page, "zh-portrait-1-home");
  await page.locator("[data-go=category]").click();
  await check(page, "zh-portrait-2-categories");
  await page.locator("[data-choice]").first().click();
  await check(page, "zh-portrait-3-items");
  await page.locator(`[data-choice="${kiosk.items.enquiry}"]`).click();
  await expect(page.locator("[data-limit]")).toHaveText("即办件，当场办结");
  await expect(page.locator(".materials li").first()).toHaveText("居民身份证原件");
  // Before taking, the guide says what a ticket taken now would wait (the hall's forecast, through the agent).
  await expect(page.locator("[data-item-wait]")).toHaveText(/^现在取号，前面有 \d+ 人；预计等待：.+/);
  const before = (await page.locator("[data-item-wait]").textContent())!.trim();
  await check(page, "zh-portrait-4-guide");

  const { number, facts } = await takeAndRead(page, "[data-take]");
  await check(page, "zh-portrait-5-taken");
  const ahead = (await page.locator("[data-ahead]").textContent())!;
  const wait = (await page.locator("[data-wait]").textContent())!.trim();
  expect(wait).toMatch(/^预计等待：/);
  // Nobody else took one meanwhile: the ticket has the people ahead and the wait the guide announced.
  expect(before).toBe(`现在取号，前面有 ${/\d+/.exec(ahead)![0]} 人；${wait}`);
  await expect(page.locator("[data-place]")).toContainText("号窗口");
  const lines = facts.lines.join("\n");
  expect(lines).toContain("示范区政务服务中心");
  expect(lines).toContain("综合咨询与帮办代办服务");
  expect(lines).toContain(ahead.replace("您前面还有", "您前面还有").trim());
  expect(lines).toContain(wait);
  expect(lines).toMatch(/办理地点：.*号窗口/);
  expect(lines).toMatch(/取号时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(lines).toContain("请备好：居民身份证原件");
  expect(lines).not.toContain("姓名");
  expect(facts.qr).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/t/[\\w-]+$`));
  // The QR code opens the ticket's status page on the hall.
  const status = await call<{ number: string }>(
    kiosk.hall.url,
    "GET",
    `/api/public/tickets/${facts.qr!.split("/t/")[1]}`,
  );
  expect(status.body.number).toBe(number);

  await page.locator("[data-done]").click();
  await expect(page.locator("[data-go=category]")).toBeVisible();
});

test("search by pinyin initials, by name and by item code finds the item", async ({ page }) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await page.locator("[data-go=search]").click();
  for (const key of ["Z", "H", "Z", "X"]) await page.locator(`[data-key="${key}"]`).click();
  await expect(page.locator(`[data-choice="${kiosk.items.enquiry}"]`)).toBeVisible();
  await check(page, "zh-portrait-6-search");
  await page.locator("[data-search] input").fill("综合咨询");
  await expect(page.locator(`[data-choice="${kiosk.items.enquiry}"]`)).toBeVisible();
  await page.locator("[data-search] input").fill(kiosk.items.enquiry.slice(-8));
  await expect(page.locator(`[data-choice="${kiosk.items.enquiry}"]`)).toBeVisible();
  await page.locator("[data-search] input").fill("没有这个事项");
  await expect(page.locator(".search-count")).toHaveText("没有找到相符的事项，请换个词试试");
});

test("with an ID card: the masked name shows and prints; an elderly card gives the elderly priority; 'not me' clears it", async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await guideOf(page, kiosk.items.enquiry);
  reader().placeCard(idcard.sampleCards.resident);
  await expect(page.locator("[data-card-read]")).toHaveText("已读取证件：张*（110***********1234）");
  await expect(page.locator("[data-take-elderly]")).toHaveCount(0);
  await check(page, "zh-portrait-7-guide-card");
  const { facts } = await takeAndRead(page, "[data-take-card]");
  expect(facts.lines).toContain("姓名：张*");
  reader().removeCard();
  await page.locator("[data-done]").click();

  await guideOf(page, kiosk.items.enquiry);
  reader().placeCard(idcard.sampleCards.residentLongTerm);
  await expect(page.locator("[data-take-elderly]")).toBeVisible();
  const elderly = await takeAndRead(page, "[data-take-elderly]");
  expect(elderly.facts.lines).toContain("姓名：李*英");
  reader().removeCard();
  await page.locator("[data-done]").click();

  await guideOf(page, kiosk.items.enquiry);
  reader().placeCard(idcard.sampleCards.resident);
  await expect(page.locator("[data-card-read]")).toBeVisible();
  await page.locator("[data-not-me]").click();
  await expect(page.locator("[data-card-read]")).toHaveCount(0);
  // The agent forgot it too: a take with the card is refused for want of one.
  await page.locator("[data-take-card]").click();
  await expect(page.locator("[data-refusal]")).toHaveAttribute("data-code", "no_card");
  reader().removeCard();
});

test("the item needs a card and none is on the reader; a bad card and an expired card are refused plainly", async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await guideOf(page, kiosk.items.cardRequired);
  await expect(page.locator("[data-card-required]")).toHaveText("本事项需要刷身份证取号");
  await expect(page.locator("[data-take]")).toHaveCount(0);
  const printed = printer().tickets.length;
  await page.locator("[data-take-card]").click();
  await expect(page.locator("[data-refusal]")).toHaveText("请先将身份证放在读卡区");
  await check(page, "zh-portrait-8-refused-no-card");
  await page.locator("[data-done]").click();

  await guideOf(page, kiosk.items.cardRequired);
  reader().placeCard(idcard.sampleCards.invalidCheckDigit);
  await expect(page.locator("[data-card-problem]")).toHaveText("身份证号码校验不通过，请到服务台办理");
  reader().removeCard();
  await page.waitForTimeout(1500); // the reader's poll sees the empty field before the next card
  reader().placeCard(idcard.sampleCards.hongKongPermit);
  await expect(page.locator("[data-card-problem]")).toHaveText("证件已过有效期，请到服务台办理");
  await check(page, "zh-portrait-9-bad-card");
  reader().removeCard();
  expect(printer().tickets.length).toBe(printed);
});

test("paper out: nothing is printed or reserved, and the citizen is told plainly", async ({ page }) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await guideOf(page, kiosk.items.enquiry);
  const printed = printer().tickets.length;
  await printer().setFault("paper-out", true);
  try {
    await page.locator("[data-take]").click();
    await expect(page.locator("[data-refusal]")).toHaveText("打印机缺纸，请到服务台取号");
    await check(page, "zh-portrait-10-paper-out");
    expect(printer().tickets.length).toBe(printed);
  } finally {
    await printer().setFault("paper-out", false);
  }
});

test("a capped item and an item outside its hours are refused with the cap and the hours in words", async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await guideOf(page, kiosk.items.capped);
  await page.locator("[data-take]").click();
  await expect(page.locator("[data-refusal]")).toHaveText("该事项今日号已取完");
  await expect(page.locator("[data-cap]")).toContainText("本事项每日限 0 个号，今日已取完");
  await check(page, "zh-portrait-11-capped");
  await page.locator("[data-done]").click();

  await guideOf(page, kiosk.items.closed);
  await page.locator("[data-take]").click();
  await expect(page.locator("[data-refusal]")).toHaveText("该事项当前不可取号");
  await expect(page.locator("[data-hours]")).toHaveText(/^周一至周日 \d\d:00–\d\d:59$/);
  await check(page, "zh-portrait-12-closed");
});

/** Book an appointment of `itemCode` in the running slot for `idNumber`; its code. */
async function book(itemCode: string, idNumber: string): Promise<string> {
  const now = Date.now();
  const minutes = Number(new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, minute: "2-digit" }).format(now));
  const slotStart = now - (minutes % 30) * 60_000 - (now % 60_000);
  const res = await call<{ appointment: { code: string } } & { code?: string }>(
    kiosk.hall.url,
    "POST",
    "/api/appointments",
    kiosk.demo.tokens["online-hall"],
    { itemCode, slotStart: new Date(slotStart).toISOString(), idNumber, name: "王五" },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.appointment?.code ?? res.body.code!;
}

test("appointment check-in: by the serial scanner, by a keyboard-wedge scanner, by card; an expired one is refused", async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await open(page);
  await page.locator("[data-go=checkIn]").click();
  await check(page, "zh-portrait-13-check-in");

  const serial = await book(kiosk.items.enquiry, "110101199003070011");
  const before = printer().tickets.length;
  await scanner().scan(serial);
  await expect(page.locator("[data-number]")).toBeVisible();
  await expect.poll(() => printer().tickets.length).toBe(before + 1);
  expect(ticketFacts(printer().tickets.at(-1)!).number).toBe(
    (await page.locator("[data-number]").textContent())!.trim(),
  );
  await page.locator("[data-done]").click();

  // A keyboard-wedge scanner types the code fast and presses Enter; the page hears it itself.
  const wedge = await book(kiosk.items.enquiry, "110101199003070038");
  await page.locator("[data-go=checkIn]").click();
  await page.keyboard.type(wedge, { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-number]")).toBeVisible();
  await page.locator("[data-done]").click();

  await book(kiosk.items.enquiry, "110101198506121234");
  await page.locator("[data-go=checkIn]").click();
  reader().placeCard(idcard.sampleCards.resident);
  await expect(page.locator("[data-card-read]")).toBeVisible();
  await page.locator("[data-checkin-card]").click();
  await expect(page.locator("[data-number]")).toBeVisible();
  reader().removeCard();
  await page.locator("[data-done]").click();

  // An appointment whose slot ended over an hour ago (its times moved back in the hall's database): released.
  const expired = await book(kiosk.items.enquiry, "110101199003070054");
  const db = new Database(join(kiosk.demo.dir, "data", "hall.db"));
  db.prepare(
    "UPDATE appointments SET slot_start = slot_start - 5400000, slot_end = slot_end - 5400000 WHERE code = ?",
  ).run(expired);
  db.close();
  await page.locator("[data-go=checkIn]").click();
  await scanner().scan(expired);
  await expect(page.locator("[data-refusal]")).toBeVisible();
  await check(page, "zh-portrait-14-expired-appointment");

  // Not an appointment code at all.
  await page.locator("[data-done]").click();
  await page.locator("[data-go=checkIn]").click();
  await scanner().scan("6901234567892");
  await expect(page.locator("[data-scan-problem]")).toHaveText("扫描内容不是预约码，请扫描预约短信中的二维码");
});

test("left alone, the kiosk counts down on screen, goes home and forgets the card, here and in the agent", async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await open(page, "?idle=6");
  await guideOf(page, kiosk.items.enquiry);
  reader().placeCard(idcard.sampleCards.resident);
  await expect(page.locator("[data-card-read]")).toBeVisible();
  await expect(page.locator("[data-idle]")).toContainText("秒后返回首页");
  await check(page, "zh-portrait-15-idle-countdown");
  await expect(page.locator("[data-go=category]")).toBeVisible({ timeout: 10_000 });
  await expect(page.locator("[data-idle]")).toHaveCount(0);
  await guideOf(page, kiosk.items.enquiry);
  await expect(page.locator("[data-card-read]")).toHaveCount(0);
  await page.locator("[data-take-card]").click();
  await expect(page.locator("[data-refusal]")).toHaveAttribute("data-code", "no_card");
  reader().removeCard();
});

/** Every screen in one mode: home, categories, items, search, guide, taken, refused, check-in. */
async function tour(page: Page, name: string, t: Thresholds, setup: (page: Page) => Promise<void>): Promise<number> {
  await open(page);
  await setup(page);
  await check(page, `${name}-1-home`, t);
  await page.locator("[data-go=category]").click();
  const choices = (await measure(page)).choices;
  await check(page, `${name}-2-categories`, t);
  await page.locator("[data-choice]").first().click();
  await check(page, `${name}-3-items`, t);
  await page.locator("[data-home]").click();
  await page.locator("[data-go=search]").click();
  await page.locator("[data-search] input").fill("ZHZX");
  // One match, in either language ("1 service", never "1 services").
  await expect(page.locator(".search-count")).toHaveText(/^(找到 1 个事项|1 service found)$/);
  await check(page, `${name}-4-search`, t);
  await page.locator(`[data-choice="${kiosk.items.enquiry}"]`).click();
  await check(page, `${name}-5-guide`, t);
  await takeAndRead(page, "[data-take]");
  await check(page, `${name}-6-taken`, t);
  await page.locator("[data-done]").click();
  await setup(page);
  await guideOf(page, kiosk.items.capped);
  await page.locator("[data-take]").click();
  await expect(page.locator("[data-refusal]")).toBeVisible();
  await check(page, `${name}-7-refused`, t);
  await page.locator("[data-done]").click();
  await setup(page);
  await page.locator("[data-go=checkIn]").click();
  await check(page, `${name}-8-check-in`, t);
  return choices;
}

const english = async (page: Page) => {
  if ((await page.locator("[data-language]").textContent())?.trim() === "English")
    await page.locator("[data-language]").click();
  await expect(page.locator("[data-go=category]")).toHaveText("Find by category");
};
const elderlyMode = async (page: Page) => {
  if ((await page.locator("[data-elderly]").getAttribute("aria-pressed")) !== "true")
    await page.locator("[data-elderly]").click();
  await expect(page.locator("html")).toHaveClass(/elderly/);
};

test("every screen in landscape (zh-CN), in English, and in the elderly mode at both orientations", async ({
  page,
}) => {
  await page.setViewportSize(LANDSCAPE);
  const standard = await tour(page, "zh-landscape", STANDARD, () => Promise.resolve());
  await page.setViewportSize(PORTRAIT);
  await tour(page, "en-portrait", STANDARD, english);
  const elderly = await tour(page, "elderly-portrait", ELDERLY, elderlyMode);
  await page.setViewportSize(LANDSCAPE);
  await tour(page, "elderly-landscape", ELDERLY, elderlyMode);
  // Fewer choices per screen in the elderly mode (the demo hall has more categories than either shows at once).
  expect(elderly).toBeLessThan(standard);
});
