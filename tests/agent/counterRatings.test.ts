/**
 * Ratings through the counter agent (issue 12 item 1, and its "done when"): a service finished at window 2 arms the
 * virtual evaluation keypad (5 keys, on a PTY) and the window screen's prompt; the prompt stays with that service
 * while the next citizen is called; a key rates it, and the rating is read back with every field through
 * GET /api/ratings/:id; key 5 (非常不满意) opens a case. The window screen's touch choice, a key with nothing armed and
 * the caller's rating-request key with nothing to rate are refused without storing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RatingList, RatingView } from "@onewindow/contract";
import { call } from "../support/hallProcess.ts";
import { until } from "./agentHarness.ts";
import { startCounter, startCounterHall, untilState, type CounterHall, type CounterStation } from "./counterHarness.ts";

let hall: CounterHall;
let counter: CounterStation;
let admin: string;

const keypad = () => counter.agent.devices.virtual.evaluationKeypad!.device;
const ratings = async () => (await call<RatingList>(hall.url, "GET", "/api/ratings", admin)).body.ratings;
const act = async (action: "callNext" | "start" | "finish") => {
  const answer = await counter.request({ type: "act", action });
  if (answer.type !== "actDone") throw new Error(`${action} refused: ${JSON.stringify(answer)}`);
  return answer.ticket;
};
async function issue(): Promise<void> {
  const itemCode = counter.state().waiting[0]!.itemCode;
  const answer = await counter.request({ type: "act", action: "issueForCitizen", itemCode, priority: "normal" });
  if (answer.type !== "actDone") throw new Error(`issue refused: ${JSON.stringify(answer)}`);
}

beforeAll(async () => {
  hall = await startCounterHall();
  counter = await startCounter(hall, 2, {
    devices: {
      callerKeypad: { link: { kind: "virtual" } },
      ledStrip: { link: { kind: "virtual" } },
      evaluationKeypad: { link: { kind: "virtual" }, keys: 5 },
    },
  });
  await untilState(counter, "connected", (s) => s.connected);
  const signIn = await counter.request({ type: "signIn", employeeNo: "GW006", pin: "123456" });
  expect(signIn.type).toBe("actDone");
  await untilState(counter, "signed in", (s) => s.staff !== null && s.waiting.length > 0);
  const login = await call<{ token: string }>(hall.url, "POST", "/api/auth/login", undefined, {
    employeeNo: "GW001",
    password: "onewindow-admin",
  });
  admin = login.body.token;
}, 120_000);

afterAll(async () => {
  await counter?.close();
  await hall?.close();
});

describe("ratings at the counter", () => {
  it("when a service finishes and key 5 is pressed while the next citizen is called, then that service is rated 非常不满意 with every field and a case opens", async () => {
    await issue();
    await issue();
    await act("callNext");
    await act("start");
    const request = keypad().expectRequest();
    const finished = (await act("finish"))!;
    expect((await request).staffName).toBe(counter.state().staff!.name);
    await untilState(counter, "the prompt", (s) => s.rating?.state === "armed");
    expect(counter.state().rating).toMatchObject({ ticketNumber: finished.number, keypad: true });
    expect(counter.state().rating!.reasons.length).toBeGreaterThan(0);
    // The next citizen is called: the prompt stays bound to the finished service.
    const next = (await act("callNext"))!;
    await untilState(counter, "the next call", (s) => s.current?.number === next.number);
    expect(counter.state().rating).toMatchObject({ state: "armed", ticketNumber: finished.number });
    await keypad().press(5);
    await untilState(counter, "thanks", (s) => s.rating?.state === "thanks");
    expect(counter.state().rating).toMatchObject({ ticketNumber: finished.number, level: 1 });

    const [listed] = await ratings();
    const read = await call<RatingView>(hall.url, "GET", `/api/ratings/${listed!.id}`, admin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      ticketId: finished.id,
      ticketNumber: finished.number,
      itemCode: finished.itemCode,
      window: { number: 2 },
      staff: { employeeNo: "GW006" },
      regionCode: expect.stringMatching(/^\d{12}$/) as unknown,
      hallId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      ratingChannel: 5,
      level: 1,
      levelName: "非常不满意",
      reasonPending: true,
      isDefault: false,
      timesRated: 1,
      upload: { upward: "pending", provincial: "held" },
      case: { state: "open", deadlineWorkingDays: 15 },
    });
    expect(read.body.serviceEnd).toBeGreaterThanOrEqual(read.body.serviceStart);
  }, 120_000);

  it("when a key is pressed after the answer, with nothing armed, then the screen says so and nothing is stored", async () => {
    await keypad().press(1);
    await until("the notice", () => counter.state().rating?.notice?.code === "nothing_to_rate", 30_000);
    expect(await ratings()).toHaveLength(1);
  }, 60_000);

  it("when the next service starts, then the prompt has ended; the citizen's touch choice on the window screen rates the following one (channel 4, with its reason)", async () => {
    await act("start");
    await untilState(counter, "serving", (s) => s.current?.state === "serving" && s.rating?.state === "idle");
    const none = await counter.request({ type: "rate", level: 5 });
    expect(none).toMatchObject({ type: "actRefused", reason: { code: "nothing_to_rate" } });
    // The caller's rating-request key has nothing to ask for either: the last finished service was rated.
    await counter.agent.devices.virtual.callerKeypad!.device.press({ kind: "requestRating" });
    const finished = (await act("finish"))!;
    await untilState(
      counter,
      "the prompt",
      (s) => s.rating?.state === "armed" && s.rating.ticketNumber === finished.number,
    );
    const rated = await counter.request({ type: "rate", level: 2, indicatorCodes: ["B05"] });
    expect(rated.type).toBe("actDone");
    await untilState(counter, "thanks", (s) => s.rating?.state === "thanks");
    const [latest] = await ratings();
    expect(latest).toMatchObject({
      ticketId: finished.id,
      level: 2,
      ratingChannel: 4,
      indicatorCodes: ["B05"],
      reasonPending: false,
    });
    expect(await ratings()).toHaveLength(2);
  }, 120_000);
});
