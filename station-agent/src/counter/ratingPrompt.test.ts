import { describe, expect, it } from "vitest";
import {
  initialPrompt,
  nextPrompt,
  promptView,
  PROMPT_NOTICES,
  type PromptInput,
  type PromptState,
} from "./ratingPrompt.ts";

const A001 = { ticketId: 11, number: "A001" };
const A002 = { ticketId: 12, number: "A002" };
const reasons = [{ code: "B05", name: "服务态度差" }];

/** Run `inputs` from the initial state; returns the last state and every effect in order. */
function run(inputs: PromptInput[], hasKeypad = true): { state: PromptState; effects: string[] } {
  let state = initialPrompt();
  const effects: string[] = [];
  for (const input of inputs) {
    const next = nextPrompt(state, input, hasKeypad);
    state = next.state;
    for (const e of next.effects) effects.push(e.kind === "submit" ? `submit ${JSON.stringify(e.body)}` : e.kind);
  }
  return { state, effects };
}
const keypadAnswer = (level: number): PromptInput => ({ type: "answered", level, channel: 5, requestKey: "k-000001" });

describe("the counter's rating prompt", () => {
  it("when a service finishes, then the keypad is armed for it and the screen shows its number with the reasons", () => {
    const { state, effects } = run([{ type: "finished", service: A001 }]);
    expect(effects).toEqual(["armKeypad"]);
    expect(promptView(state, reasons, null)).toEqual({
      state: "armed",
      ticketNumber: "A001",
      keypad: true,
      level: null,
      reasons,
      notice: null,
    });
  });

  it("when the next citizen is called before the answer, then the prompt stays bound to the finished service", () => {
    // Calling is no input at all: only a start ends the prompt.
    const { state, effects } = run([{ type: "finished", service: A001 }, keypadAnswer(4)]);
    expect(effects).toEqual([
      "armKeypad",
      `submit ${JSON.stringify({ ticketId: 11, level: 4, ratingChannel: 5, requestKey: "k-000001" })}`,
    ]);
    expect(promptView(state, reasons, null)).toMatchObject({ state: "sending", ticketNumber: "A001", level: 4 });
  });

  it("when the next service starts unanswered, then the prompt ends and the keypad is cancelled; a key then is refused", () => {
    const { state, effects } = run([{ type: "finished", service: A001 }, { type: "serviceStarted" }, keypadAnswer(5)]);
    expect(effects).toEqual(["armKeypad", "cancelKeypad"]);
    expect(promptView(state, reasons, null)).toMatchObject({ state: "idle", notice: PROMPT_NOTICES.nothing_to_rate });
  });

  it("when an answer is on its way and the next service starts, then the answer still goes and is thanked", () => {
    const { state } = run([
      { type: "finished", service: A001 },
      keypadAnswer(3),
      { type: "serviceStarted" },
      { type: "submitted" },
    ]);
    expect(promptView(state, reasons, null)).toMatchObject({ state: "thanks", ticketNumber: "A001", level: 3 });
    // …and the request key has nothing left to ask for.
    expect(nextPrompt(state, { type: "requested" }, true).state.notice).toEqual(PROMPT_NOTICES.nothing_to_rate);
  });

  it("when the keypad times out, then only the on-site prompt ends: the rating-request key arms it again for the same service", () => {
    const timedOut = run([{ type: "finished", service: A001 }, { type: "keypadTimedOut" }]);
    expect(promptView(timedOut.state, reasons, null)).toMatchObject({ state: "idle", ticketNumber: null });
    const again = nextPrompt(timedOut.state, { type: "requested" }, true);
    expect(again.effects).toEqual([{ kind: "armKeypad" }]);
    expect(promptView(again.state, reasons, null)).toMatchObject({ state: "armed", ticketNumber: "A001" });
  });

  it("when a key is pressed with nothing armed, then it is a notice, never a rating", () => {
    const { state, effects } = run([keypadAnswer(1)]);
    expect(effects).toEqual([]);
    expect(state.notice).toEqual(PROMPT_NOTICES.nothing_to_rate);
    expect(run([{ type: "requested" }]).state.notice).toEqual(PROMPT_NOTICES.nothing_to_rate);
    // A key the unit reports with nothing armed on it, even while the screen prompts: shown, not stored.
    const screenOnly = run([{ type: "finished", service: A001 }, { type: "keypadUnavailable" }, { type: "strayKey" }]);
    expect(screenOnly.effects).toEqual(["armKeypad"]);
    expect(promptView(screenOnly.state, reasons, null)).toMatchObject({
      state: "armed",
      keypad: false,
      notice: PROMPT_NOTICES.nothing_to_rate,
    });
  });

  it("when the citizen answers on the touch screen with a reason, then the keypad is cancelled and the reason goes with it (channel 4)", () => {
    const { effects } = run([
      { type: "finished", service: A001 },
      { type: "answered", level: 2, channel: 4, indicatorCodes: ["B05"], requestKey: "k-000002" },
    ]);
    expect(effects).toEqual([
      "armKeypad",
      "cancelKeypad",
      `submit ${JSON.stringify({ ticketId: 11, level: 2, ratingChannel: 4, requestKey: "k-000002", indicatorCodes: ["B05"] })}`,
    ]);
  });

  it("when the hall refuses the answer (already rated), then the prompt ends with the reason shown; while unreachable it says so and keeps sending", () => {
    const sending = run([{ type: "finished", service: A001 }, keypadAnswer(5)]).state;
    const unreachable = { code: "hall_unreachable", words: { zh: "x", en: "y" } };
    expect(promptView(sending, reasons, unreachable).notice).toEqual(unreachable);
    const refusal = { code: "conflict", words: { zh: "已评价", en: "already rated" } };
    const refused = nextPrompt(sending, { type: "refused", reason: refusal }, true).state;
    expect(promptView(refused, reasons, null)).toMatchObject({ state: "idle", notice: refusal });
  });

  it("when a second service finishes, then the prompt moves to it (the keypad re-armed for the new one)", () => {
    const { state, effects } = run([
      { type: "finished", service: A001 },
      { type: "serviceStarted" },
      { type: "finished", service: A002 },
    ]);
    expect(effects).toEqual(["armKeypad", "cancelKeypad", "armKeypad"]);
    expect(promptView(state, reasons, null).ticketNumber).toBe("A002");
  });

  it("when the counter has no keypad, then the window screen alone prompts", () => {
    const { state, effects } = run([{ type: "finished", service: A001 }], false);
    expect(effects).toEqual([]);
    expect(promptView(state, reasons, null)).toMatchObject({ state: "armed", keypad: false });
  });
});
