/**
 * The counter agent end to end against the real hall-server (its own process): a console page signs in at window
 * 2 and calls; the caller keypad's keys act through the agent; the LED text is read back from the virtual strip on
 * its PTY; a double press has one winner; an action while the hall is down is refused at once; a hall restart is
 * followed without any action; a supervisor's release signs the console out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceFinished } from "../../station-agent/src/counter/counterRole.ts";
import { call } from "../support/hallProcess.ts";
import { until } from "./agentHarness.ts";
import { startCounter, startCounterHall, untilState, type CounterHall, type CounterStation } from "./counterHarness.ts";

let hall: CounterHall;
let counter: CounterStation;
const finished: ServiceFinished[] = [];

const led = () => counter.agent.devices.virtual.ledStrip!.device.textAt(1);
const callerDisplay = () => counter.agent.devices.virtual.callerKeypad!.device.texts.get(1);
const press = (kind: "next" | "recall" | "skip" | "pause" | "resume" | "logout") =>
  counter.agent.devices.virtual.callerKeypad!.device.press({ kind });
const untilLed = (text: string) => until(`LED strip shows ${text}`, () => led() === text, 30_000);
const untilCaller = (text: string) => until(`caller shows ${text}`, () => callerDisplay() === text, 30_000);

/** Issue a ticket at the desk (代办) for the staff member's first item; its number. */
async function issue(): Promise<string> {
  const itemCode = counter.state().waiting[0]!.itemCode;
  const answer = await counter.request({ type: "act", action: "issueForCitizen", itemCode, priority: "normal" });
  if (answer.type !== "actDone" || !answer.ticket) throw new Error(`issue refused: ${JSON.stringify(answer)}`);
  return answer.ticket.number;
}

beforeAll(async () => {
  hall = await startCounterHall();
  counter = await startCounter(hall, 2);
  counter.agent.counter!.events.on("serviceFinished", (service) => finished.push(service));
}, 120_000);

afterAll(async () => {
  await counter?.close();
  await hall?.close();
});

describe("counter agent against a real hall-server", () => {
  it("when nobody is signed in, then the state says so, the LED shows 暂停服务 and the caller 请登录", async () => {
    await untilState(counter, "connected", (s) => s.connected);
    expect(counter.state()).toMatchObject({ staff: null, window: { number: 2, state: "closed" } });
    expect(counter.state().actions.callNext.why?.code).toBe("not_signed_in");
    await untilLed("暂停服务");
    await untilCaller("请登录");
    await press("next");
    await untilCaller("请先登录");
    // A kiosk's request at a counter is refused plainly, nothing else happens.
    await counter.client.send({ type: "catalog" });
    expect(await counter.client.next("error")).toMatchObject({ reason: { code: "not_here" } });
  }, 120_000);

  it("when a PIN is wrong it is refused; when right, the staff member is signed in and the PIN kept nowhere", async () => {
    const wrong = await counter.request({ type: "signIn", employeeNo: "GW006", pin: "654321" });
    expect(wrong.type).toBe("actRefused");
    const right = await counter.request({ type: "signIn", employeeNo: "GW006", pin: "123456" });
    expect(right.type).toBe("actDone");
    await untilState(counter, "signed in", (s) => s.staff?.employeeNo === "GW006" && s.window.state === "open");
    expect(counter.state().waiting.length).toBeGreaterThan(0);
    expect(JSON.stringify(counter.state())).not.toContain("123456");
    await untilLed("欢迎光临");
  }, 120_000);

  it("when the console calls, then the ticket is current, the LED shows the call and the caller the number", async () => {
    const first = await issue();
    await issue();
    await untilState(counter, "two waiting", (s) => s.callable.length >= 2);
    const called = await counter.request({ type: "act", action: "callNext" });
    expect(called).toMatchObject({ type: "actDone", ticket: { number: first, state: "called" } });
    await untilState(counter, "first called", (s) => s.current?.number === first);
    expect(counter.state().lastCall?.number).toBe(first);
    expect(counter.state().guide?.itemCode).toBe(counter.state().current?.itemCode);
    await untilLed(`请${first}号到2号窗口`);
    await until("caller shows the number", () => callerDisplay()?.startsWith(first) === true, 30_000);
  }, 120_000);

  it("when next is pressed on the caller keypad, then the current service finishes and the next is called", async () => {
    const before = counter.state().current!;
    await press("next");
    await untilState(counter, "next called", (s) => s.current !== null && s.current.id !== before.id);
    const now = counter.state().current!;
    await untilLed(`请${now.number}号到2号窗口`);
    await until("serviceFinished", () => finished.some((f) => f.ticket.id === before.id), 30_000);
    expect(finished.find((f) => f.ticket.id === before.id)).toMatchObject({
      windowNumber: 2,
      staff: { employeeNo: "GW006" },
    });
  }, 120_000);

  it("when recall is pressed twice at once, then one recall happens and the second press is refused", async () => {
    const id = counter.state().current!.id;
    await Promise.all([press("recall"), press("recall")]);
    await untilState(counter, "recalled once", (s) => s.current?.id === id && s.current.recallCount === 1);
    await until(
      "a refusal on the caller",
      () => ["重复按键已忽略", "上一个操作还在进行，请稍候"].includes(callerDisplay() ?? ""),
      30_000,
    );
    // Settle: whatever the second press did reached the hall by now; it recalled nothing.
    const ticket = await call<{ ticket: { recallCount: number } }>(
      hall.url,
      "GET",
      `/api/tickets/${id}`,
      hall.demo.tokens["counter-2"],
    );
    expect(ticket.body.ticket.recallCount).toBe(1);
  }, 120_000);

  it("when pause and resume are pressed, then the window pauses with 暂离 and the LED shows 暂停服务", async () => {
    await counter.request({ type: "act", action: "start" });
    await counter.request({ type: "act", action: "finish" });
    await untilState(counter, "free", (s) => s.current === null);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the repeat guard
    await press("pause");
    await untilState(counter, "paused", (s) => s.window.state === "paused" && s.window.pauseReason === "暂离");
    await untilLed("暂停服务");
    expect(counter.state().actions.callNext.why?.code).toBe("window_paused");
    await press("resume");
    await untilState(counter, "open", (s) => s.window.state === "open");
    await untilLed("欢迎光临");
  }, 120_000);

  it("when transfer and a window number are pressed, then the citizen goes to that window keeping number and item", async () => {
    const number = await issue();
    await untilState(counter, "callable", (s) => s.callable.some((t) => t.number === number));
    await counter.request({ type: "act", action: "call", number });
    await untilState(counter, "called", (s) => s.current?.number === number);
    const { id, itemCode } = counter.state().current!;
    await counter.agent.devices.virtual.callerKeypad!.device.press({ kind: "transfer", targetWindow: 3 });
    await untilState(counter, "transferred away", (s) => s.current === null);
    const ticket = await call<{ ticket: { number: string; itemCode: string; state: string } }>(
      hall.url,
      "GET",
      `/api/tickets/${id}`,
      hall.demo.tokens["counter-2"],
    );
    expect(ticket.body.ticket).toMatchObject({ number, itemCode, state: "waiting" });
    await untilLed("欢迎光临");
  }, 120_000);

  it("when the hall is down, then an action is refused at once as hall_unreachable; after a restart it resyncs by itself", async () => {
    await hall.kill();
    await untilState(counter, "disconnected", (s) => !s.connected);
    const refused = await counter.request({ type: "act", action: "callNext" });
    expect(refused).toMatchObject({ type: "actRefused", reason: { code: "hall_unreachable" } });
    await hall.restart();
    // A ticket issued elsewhere (a kiosk) right after the restart reaches the console without any action. (Found by
    // its id: a count taken now could be stale, as a read cut short by the kill is only redone on reconnection.)
    const kiosk = hall.demo.tokens["kiosk-1"]!;
    const itemCode = counter.state().waiting[0]!.itemCode;
    const reserved = await call<{ ticket: { id: number } }>(hall.url, "POST", "/api/tickets/reservations", kiosk, {
      requestKey: crypto.randomUUID(),
      issue: { itemCode },
    });
    expect(reserved.status).toBe(201);
    await call(hall.url, "POST", `/api/tickets/${reserved.body.ticket.id}/printed`, kiosk, {});
    const issued = reserved.body.ticket.id;
    await untilState(
      counter,
      "reconnected and resynced",
      (s) => s.connected && s.callable.some((t) => t.id === issued),
    );
    expect(counter.state().staff?.employeeNo).toBe("GW006");
  }, 120_000);

  it("when the staff member signs out at the console, then the state is signed out with no alarm", async () => {
    const out = await counter.request({ type: "signOut" });
    expect(out.type).toBe("actDone");
    await untilState(counter, "signed out", (s) => s.staff === null && s.window.state === "closed");
    expect(counter.state().signedOut).toBeNull();
    const back = await counter.request({ type: "signIn", employeeNo: "GW006", pin: "123456" });
    expect(back.type).toBe("actDone");
    await untilState(counter, "signed in again", (s) => s.staff?.employeeNo === "GW006");
  }, 120_000);

  it("when a supervisor releases the window, then the console is signed out and told why", async () => {
    const supervisor = await call<{ token: string }>(hall.url, "POST", "/api/auth/login", undefined, {
      employeeNo: "GW001",
      password: "onewindow-admin",
    });
    const released = await call(hall.url, "POST", "/api/windows/2/release", supervisor.body.token, {});
    expect(released.status).toBe(200);
    await untilState(counter, "signed out", (s) => s.staff === null && s.signedOut?.code === "released_by_supervisor");
    await untilLed("暂停服务");
    const refused = await counter.request({ type: "act", action: "callNext" });
    expect(refused).toMatchObject({ type: "actRefused", reason: { code: "not_signed_in" } });
  }, 120_000);
});
