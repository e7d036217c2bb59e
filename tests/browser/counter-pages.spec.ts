/**
 * The counter's pages as a staff member and a citizen meet them: the console (/counter) and the window screen
 * (/window/2) in Debian's Chromium, against a real hall-server process and a real counter station agent for window 2
 * (counterHarness.ts). Keyboard first: every action below is a chord, as a desk works. Axe on both pages (no serious
 * or critical violation) and screenshots under artifacts/counter/ (the window screen at 1920×1080 and 1280×800).
 * The window screen's rating prompt (issue 12): touch answers with and without a bad review's reasons, read back
 * through GET /api/ratings, and a key on the virtual evaluation keypad ending the prompt.
 */
import { mkdirSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { RatingList, RatingView } from "@onewindow/contract";
import { call } from "../support/hallProcess.ts";
import { expectAccessible } from "./accessibility.ts";
import { STAFF, startCounterPages, type CounterPagesHall } from "./counterHarness.ts";
import { hallClockNear, middayZone, PC_ZONE } from "../support/hallZone.ts";

/**
 * The dialog titled `title`. Dialogs are found by title, never as "the dialog": the one just closed is still in the
 * page while it fades out, and the next may already be open.
 */
const dialogTitled = (page: Page, title: string | RegExp) => page.getByRole("dialog", { name: title });
/** The ticket-number box of the open dialog. */
const ticketNumberInput = (page: Page) => page.getByTestId("ticket-number").filter({ visible: true });

// The desk PC's clock is set to another zone than the hall's: times on the pages are the hall's.
test.use({ timezoneId: PC_ZONE });

const ARTIFACTS = "artifacts/counter";
const DESK = { width: 1600, height: 900 };
/** The hall's and its counter's zone: about noon there now, and another offset than the PC's (hallZone.ts). */
const HALL_ZONE = middayZone();
let counter: CounterPagesHall;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  counter = await startCounterPages(HALL_ZONE);
});

test.afterAll(async () => {
  await counter?.stop();
});

// Element Plus fades a closed dialog out for 0.3 s while the next one opens, and a loaded machine acts within that
// time: CSS transitions here run 10× slower, so a locator that could match the closing dialog too fails every run.
test.beforeEach(async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Animation.setPlaybackRate", { playbackRate: 0.1 });
});

/** Axe and a screenshot named `name`. */
async function check(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `pages-${name}.png`), fullPage: true, animations: "disabled" });
  await expectAccessible(page, name);
}

const action = (page: Page, name: string) => page.locator(`[data-action="${name}"]`);
const outcome = (page: Page) => page.getByTestId("outcome");

async function openConsole(page: Page): Promise<void> {
  await page.setViewportSize(DESK);
  await page.goto(counter.consoleUrl());
  await expect(page.getByTestId("link")).toHaveText("已连接");
}

/** Sign in as the suite's staff member unless already signed in. */
async function signedIn(page: Page): Promise<void> {
  await openConsole(page);
  await signInHere(page);
}

/** On the console as it is (no reload): sign in unless already signed in. */
async function signInHere(page: Page): Promise<void> {
  const signIn = page.getByTestId("sign-in");
  const staff = page.getByTestId("staff");
  await expect(signIn.or(staff)).toBeVisible();
  if (await signIn.isVisible()) {
    await page.getByTestId("employee-no").fill(STAFF.employeeNo);
    await page.getByTestId("pin").fill(STAFF.pin);
    await page.keyboard.press("Enter");
  }
  await expect(staff).toContainText(STAFF.employeeNo);
}

/** Issue a ticket at the desk (代办) for the dialog's first item; returns its number. */
async function issueAtDesk(page: Page): Promise<string> {
  await page.keyboard.press("Alt+I");
  const issue = dialogTitled(page, "代办取号");
  await expect(issue).toBeVisible();
  await issue.getByTestId("dialog-confirm").click();
  await expect(outcome(page)).toHaveText(/^已完成：代办取号（[A-Z]+\d{3,}）$/);
  const number = /（(.+)）/.exec((await outcome(page).textContent())!)![1]!;
  // The desk acts once the console has heard of the ticket from the hall: before that it rightly says nobody is
  // waiting (a loaded run pressed Alt+C within that moment once).
  await expect(page.getByTestId("callable").locator(`[data-number="${number}"]`)).toBeVisible();
  return number;
}

test("a wrong PIN is refused in plain words; the right one opens the desk with the staff member's items", async ({
  page,
}) => {
  await openConsole(page);
  await expect(page.getByTestId("sign-in")).toBeVisible();
  await expect(page.getByTestId("window-label")).toContainText(/2 ?号窗口/);
  await check(page, "console-1-sign-in");

  await page.getByTestId("employee-no").fill(STAFF.employeeNo);
  // A PIN may have up to 12 digits: the box keeps all of them.
  await page.getByTestId("pin").pressSequentially("0000000000");
  await expect(page.getByTestId("pin")).toHaveValue("0000000000");
  await page.keyboard.press("Enter");
  // A wrong PIN is said to be wrong, not taken for a session that ended.
  await expect(outcome(page)).toHaveText("未执行：登录。工号或密码错误");
  await expect(outcome(page)).toHaveClass(/refusal/);
  await expect(page.getByTestId("sign-in")).toBeVisible();

  await page.getByTestId("pin").fill(STAFF.pin);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("staff")).toContainText(STAFF.employeeNo);
  await expect(page.getByTestId("waiting").locator("li").first()).toBeVisible();
  // Every action has its chord on its button.
  await expect(action(page, "callNext").locator("kbd")).toHaveText("Alt+N");
  await expect(action(page, "finish").locator("kbd")).toHaveText("Alt+W");
  // What the state does not allow is disabled, the reason beneath.
  await expect(action(page, "resume").locator("button")).toBeDisabled();
  await expect(action(page, "resume").locator("[data-why]")).toHaveText("窗口未暂停");
  await expect(action(page, "finish").locator("[data-why]")).toHaveText("当前没有叫号或办理中的群众");
  await check(page, "console-2-desk");

  // A chord of a refused action says why and does nothing.
  await page.keyboard.press("Alt+G");
  await expect(outcome(page)).toHaveText("恢复服务暂不可用：窗口未暂停");

  // English one chord away, and back.
  await page.keyboard.press("Alt+L");
  await expect(action(page, "callNext").locator(".action-label")).toHaveText("Call next");
  await expect(page).toHaveTitle("Counter console · OneWindow");
  await check(page, "console-2-desk-en");
  await page.keyboard.press("Alt+L");
  await expect(action(page, "callNext").locator(".action-label")).toHaveText("呼叫下一位");
});

test("a ticket issued at the desk is called; the window screen shows the number, the staff member and nothing personal", async ({
  page,
  context,
}) => {
  await signedIn(page);
  await issueAtDesk(page);
  await expect(action(page, "callNext").locator("button")).toBeEnabled();
  await page.keyboard.press("Alt+N");
  await expect(outcome(page)).toHaveText(/^已完成：呼叫下一位/);
  const number = (await page.getByTestId("current-number").textContent())!.trim();
  await expect(page.getByTestId("current-state")).toHaveText("已叫号");
  await expect(page.getByTestId("guide")).toBeVisible();
  // Issued within the last minute or two, in the hall's time, whatever this PC's zone.
  const arrived = (await page.getByTestId("current-arrived").textContent())!.trim();
  expect(hallClockNear(Date.now(), 2, HALL_ZONE)).toContain(arrived);
  await check(page, "console-3-called");

  const screen = await context.newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await screen.goto(counter.windowUrl());
  await expect(screen.getByTestId("ws-window-number")).toHaveText("2 号窗口");
  await expect(screen.getByTestId("ws-number")).toHaveText(number);
  // Called, not yet served: the citizen is asked here.
  await expect(screen.getByTestId("ws-label")).toHaveText("请到本窗口办理 Now calling");
  await expect(screen.getByTestId("ws-staff-no")).toHaveText(`工号 ${STAFF.employeeNo}`);
  await expect(screen.getByTestId("ws-staff-name")).not.toBeEmpty();
  await check(screen, "window-1-serving-1920x1080");
  await screen.setViewportSize({ width: 1280, height: 800 });
  await check(screen, "window-2-serving-1280x800");

  // Start, then finish with the ticket's own item ticked: the desk is free, the window screen follows at once.
  await page.bringToFront();
  await page.keyboard.press("Alt+S");
  await expect(page.getByTestId("current-state")).toHaveText("办理中");
  await expect(screen.getByTestId("ws-label")).toHaveText("正在办理 Now serving");
  await page.keyboard.press("Alt+W");
  await expect(page.getByTestId("finish-items").locator("input:checked")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-none")).toBeVisible();
  await expect(screen.getByTestId("ws-idle")).toBeVisible();
  await expect(screen.getByTestId("ws-number")).toHaveCount(0);
  await screen.close();
});

test("no-show and reactivate, hold and unhold, transfer to another window with a note: each through its dialog, by keyboard", async ({
  page,
}) => {
  await signedIn(page);
  const number = await issueAtDesk(page);
  await page.keyboard.press("Alt+C");
  await ticketNumberInput(page).fill(number);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-number")).toHaveText(number);

  await page.keyboard.press("Alt+K");
  await expect(outcome(page)).toHaveText(/^已完成：过号（未到）/);
  await expect(page.getByTestId("recent")).toContainText(number);
  await page.keyboard.press("Alt+A");
  await expect(page.getByTestId("ticket-choices").locator(`[data-number="${number}"]`)).toBeVisible();
  await check(page, "console-8-reactivate-dialog");
  await page.keyboard.press("Enter");
  await expect(outcome(page)).toHaveText(/^已完成：恢复过号/);

  await page.keyboard.press("Alt+C");
  await ticketNumberInput(page).fill(number);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-number")).toHaveText(number);
  await page.keyboard.press("Alt+S");
  await expect(page.getByTestId("current-state")).toHaveText("办理中");
  await page.keyboard.press("Alt+H");
  await expect(page.getByTestId("held")).toContainText(number);
  await expect(page.getByTestId("current-none")).toBeVisible();
  await page.keyboard.press("Alt+U");
  await expect(page.getByTestId("ticket-choices").locator(`[data-number="${number}"]`)).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-number")).toHaveText(number);

  await page.keyboard.press("Alt+T");
  await page.getByTestId("transfer-window").locator("input").fill("3");
  await page.getByTestId("transfer-note").fill("请核对材料");
  await check(page, "console-9-transfer-dialog");
  await dialogTitled(page, `转办 ${number}`).getByTestId("dialog-confirm").click();
  await expect(outcome(page)).toHaveText(/^已完成：转办/);
  await expect(page.getByTestId("current-none")).toBeVisible();
});

test("a call the hall refuses shows its reason in plain words, and nothing changes", async ({ page }) => {
  await signedIn(page);
  // Esc leaves a dialog, even from its item box (a drop-down that would keep the key to itself).
  await page.keyboard.press("Alt+I");
  await expect(dialogTitled(page, "代办取号")).toBeVisible();
  await expect(page.getByTestId("issue-item").locator("input")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialogTitled(page, "代办取号")).toBeHidden();
  await issueAtDesk(page);
  await page.keyboard.press("Alt+C");
  await expect(dialogTitled(page, "选号呼叫")).toBeVisible();
  await ticketNumberInput(page).fill("Z999");
  await page.keyboard.press("Enter");
  await expect(outcome(page)).toHaveText(/^未执行：选号呼叫。.+/);
  await expect(page.getByTestId("current-none")).toBeVisible();
  await check(page, "console-4-refused");
});

test("a pause with its reason shows on the window screen; calls are refused until resumed", async ({
  page,
  context,
}) => {
  await signedIn(page);
  const screen = await context.newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await screen.goto(counter.windowUrl());
  await expect(screen.getByTestId("ws-staff-no")).toBeVisible();

  await page.bringToFront();
  await page.keyboard.press("Alt+P");
  await expect(page.getByTestId("pause-reason")).toHaveValue("暂离");
  await page.getByTestId("pause-reason").fill("开会");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("window-state")).toHaveText("暂停服务 · 开会");
  await expect(action(page, "callNext").locator("[data-why]")).toHaveText("窗口已暂停，请先恢复服务");
  await expect(screen.getByTestId("ws-paused")).toContainText("暂停服务");
  await expect(screen.getByTestId("ws-pause-reason")).toContainText("去向：开会");
  await check(screen, "window-3-paused-1920x1080");

  await page.keyboard.press("Alt+G");
  await expect(page.getByTestId("window-state")).toHaveText("服务中");
  await expect(screen.getByTestId("ws-paused")).toHaveCount(0);
  await screen.close();
});

/** Issue a ticket at the desk, call it by its number, start and finish it with its item ticked; returns its number. */
async function serveAndFinish(page: Page): Promise<string> {
  const number = await issueAtDesk(page);
  await page.keyboard.press("Alt+C");
  await ticketNumberInput(page).fill(number);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-number")).toHaveText(number);
  await page.keyboard.press("Alt+S");
  await expect(page.getByTestId("current-state")).toHaveText("办理中");
  await page.keyboard.press("Alt+W");
  await expect(page.getByTestId("finish-items").locator("input:checked")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-none")).toBeVisible();
  return number;
}

/** The rating of the service whose ticket is `number`, as an administrator reads it (GET /api/ratings, then :id). */
async function ratingOf(admin: string, number: string): Promise<RatingView | null> {
  const list = await call<RatingList>(counter.hall.url, "GET", "/api/ratings", admin);
  const listed = list.body.ratings?.find((r) => r.ticketNumber === number);
  if (!listed) return null;
  return (await call<RatingView>(counter.hall.url, "GET", `/api/ratings/${listed.id}`, admin)).body;
}

test("the window screen asks the citizen to rate the finished service: a touch answer, a bad review with and without its reason, and the keypad's answer ending the prompt", async ({
  page,
  context,
}) => {
  // The evaluation keypad prompts for 30 s: each answer below is given well within that.
  test.setTimeout(300_000);
  const login = await call<{ token: string }>(counter.hall.url, "POST", "/api/auth/login", undefined, {
    employeeNo: "GW001",
    password: "onewindow-admin",
  });
  const admin = login.body.token;
  await signedIn(page);
  const screen = await context.newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await screen.goto(counter.windowUrl());
  await expect(screen.getByTestId("ws-staff-no")).toBeVisible();
  const prompt = screen.getByTestId("rating-prompt");
  const level = (n: number) => screen.locator(`.rp-level[data-level="${n}"]`);

  // 1. A service finishes: the prompt is bound to its number, the five levels in the national words, best first;
  //    the console says a prompt is armed. Touch 满意: thanks, stored as the window screen's (ratingChannel 4).
  await page.bringToFront();
  const first = await serveAndFinish(page);
  await expect(page.getByTestId("rating-armed")).toContainText(`号码 ${first}`);
  await check(page, "console-10-rating-armed");
  await expect(prompt).toHaveAttribute("data-phase", "levels");
  await expect(screen.getByTestId("rating-ask")).toHaveText("请您对本次服务进行评价");
  await expect(screen.getByTestId("rating-ticket")).toHaveText(`号码 ${first}`);
  await expect(screen.locator(".rp-level .rp-level-zh")).toHaveText([
    "非常满意",
    "满意",
    "基本满意",
    "不满意",
    "非常不满意",
  ]);
  await check(screen, "window-4-rating-1920x1080");
  await level(4).click();
  await expect(screen.getByTestId("rating-thanks")).toContainText("谢谢您的评价");
  await check(screen, "window-5-rating-thanks");
  await expect
    .poll(
      async () => {
        const r = await ratingOf(admin, first);
        return r && { level: r.level, levelName: r.levelName, ratingChannel: r.ratingChannel, case: r.case };
      },
      { timeout: 30_000 },
    )
    .toEqual({ level: 4, levelName: "满意", ratingChannel: 4, case: null });
  await expect(prompt).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("rating-armed")).toHaveCount(0);

  // 2. 非常不满意 asks for the reasons (several may be chosen, and a short text); sent, a review case is opened.
  await page.bringToFront();
  const second = await serveAndFinish(page);
  await screen.setViewportSize({ width: 1280, height: 800 });
  await expect(prompt).toHaveAttribute("data-phase", "levels");
  await expect(screen.getByTestId("rating-ticket")).toHaveText(`号码 ${second}`);
  await check(screen, "window-6-rating-1280x800");
  await level(1).click();
  await expect(prompt).toHaveAttribute("data-phase", "reasons");
  await expect(screen.getByTestId("rating-submit")).toBeDisabled();
  const codes = screen.locator(".rp-code");
  await expect(codes.first()).toBeVisible();
  const chosen = [await codes.nth(0).getAttribute("data-code"), await codes.nth(1).getAttribute("data-code")];
  await codes.nth(0).click();
  await codes.nth(1).click();
  await screen.getByTestId("rating-text").fill("等了很久");
  await check(screen, "window-7-rating-reasons-1280x800");
  await screen.getByTestId("rating-submit").click();
  await expect(screen.getByTestId("rating-thanks")).toBeVisible();
  await expect
    .poll(
      async () => {
        const r = await ratingOf(admin, second);
        return (
          r && {
            level: r.level,
            codes: r.indicatorCodes,
            text: r.text,
            case: r.case && { state: r.case.state, reasonPending: r.case.reasonPending },
          }
        );
      },
      { timeout: 30_000 },
    )
    .toEqual({ level: 1, codes: chosen, text: "等了很久", case: { state: "open", reasonPending: false } });

  // 3. 不满意 with "skip": stored all the same, its case waiting for the reason.
  await page.bringToFront();
  const third = await serveAndFinish(page);
  await expect(screen.getByTestId("rating-ticket")).toHaveText(`号码 ${third}`);
  await level(2).click();
  await screen.getByTestId("rating-skip").click();
  await expect(screen.getByTestId("rating-thanks")).toBeVisible();
  await expect
    .poll(
      async () => {
        const r = await ratingOf(admin, third);
        return r && { level: r.level, ratingChannel: r.ratingChannel, reasonPending: r.case?.reasonPending };
      },
      { timeout: 30_000 },
    )
    .toEqual({ level: 2, ratingChannel: 4, reasonPending: true });

  // 4. The citizen presses a key on the evaluation keypad instead: the prompt ends by itself, rated by the keypad.
  await page.bringToFront();
  const keypad = counter.agent!.devices.virtual.evaluationKeypad!.device;
  const armed = once(keypad, "request");
  const fourth = await serveAndFinish(page);
  await expect(screen.getByTestId("rating-ticket")).toHaveText(`号码 ${fourth}`);
  await expect(screen.getByTestId("rating-keypad")).toBeVisible();
  await armed;
  await keypad.press(3);
  await expect(screen.locator('[data-phase="levels"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("rating-armed")).toHaveCount(0);
  await expect.poll(async () => (await ratingOf(admin, fourth))?.ratingChannel ?? null, { timeout: 30_000 }).toBe(5);
  await expect(prompt).toHaveCount(0, { timeout: 30_000 });
  await screen.close();
});

test("when the agent stops, the console shows it at once and acts on nothing; when it is back, the console recovers by itself", async ({
  page,
}) => {
  await signedIn(page);
  await counter.stopAgent();
  await expect(page.getByTestId("link-lost")).toContainText("与本机服务的连接已断开");
  await expect(page.getByTestId("link")).toHaveText("未连接");
  for (const name of ["callNext", "pause", "issueForCitizen", "signOut"])
    await expect(action(page, name).locator("button")).toBeDisabled();
  // The cause is said once, in the banner, which every disabled button points to.
  await expect(action(page, "callNext").locator("[data-why]")).toHaveCount(0);
  await expect(action(page, "callNext").locator("button")).toHaveAttribute("aria-describedby", "link-lost");
  await page.keyboard.press("Alt+N");
  await expect(outcome(page)).toHaveText(/^呼叫下一位暂不可用：与本机服务的连接已断开/);
  await check(page, "console-5-agent-lost");

  await counter.startAgent();
  await expect(page.getByTestId("link")).toHaveText("已连接", { timeout: 30_000 });
  await expect(page.getByTestId("link-lost")).toHaveCount(0);
  // Usable again without a reload: signed in (again, if the new agent holds no session), the actions back.
  await signInHere(page);
  await expect(action(page, "issueForCitizen").locator("button")).toBeEnabled();
  await check(page, "console-6-agent-back");
});

test("when the hall-server is killed, the console says the hall is unreachable and acts on nothing; it recovers when the hall is back", async ({
  page,
}) => {
  await signedIn(page);
  await counter.hall.kill();
  await expect(page.getByTestId("hall-lost")).toContainText("大厅服务器暂时无法连接", { timeout: 30_000 });
  await expect(page.getByTestId("link")).toHaveText("大厅未连接");
  await expect(action(page, "callNext").locator("button")).toBeDisabled();
  await expect(action(page, "callNext").locator("button")).toHaveAttribute("aria-describedby", "hall-lost");
  await page.keyboard.press("Alt+I");
  await expect(outcome(page)).toHaveText(/^代办取号暂不可用：暂时无法连接大厅服务器/);
  await expect(page.getByTestId("dialog")).toHaveCount(0);
  await check(page, "console-7-hall-lost");

  await counter.hall.restart();
  await expect(page.getByTestId("hall-lost")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId("staff")).toContainText(STAFF.employeeNo);
  await expect(action(page, "issueForCitizen").locator("button")).toBeEnabled();
});
