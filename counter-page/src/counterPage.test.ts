import { describe, expect, it } from "vitest";
import { counterActions, type CounterActions } from "@onewindow/contract";
import { consoleVerdict, PAGE_REASONS } from "./consoleVerdict.ts";
import { pageRoute } from "./pageRoute.ts";
import { windowLabel } from "./windowLabel.ts";
import { BROWSER_ALT_LETTERS, CONSOLE_COMMANDS, commandOfKey, shortcutLabel, type ChordEvent } from "./shortcuts.ts";

const alt = (code: string, more: Partial<ChordEvent> = {}): ChordEvent => ({
  code,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...more,
});

describe("the console's shortcuts", () => {
  it("when every command's chord is pressed, then it asks for that command and no other", () => {
    const labels = CONSOLE_COMMANDS.map(shortcutLabel);
    expect(new Set(labels).size).toBe(CONSOLE_COMMANDS.length);
    for (const command of CONSOLE_COMMANDS) {
      const letter = shortcutLabel(command).slice("Alt+".length);
      expect(letter).toMatch(/^[A-Z]$/);
      expect(commandOfKey(alt(`Key${letter}`))).toBe(command);
    }
    expect(shortcutLabel("callNext")).toBe("Alt+N");
  });

  it("when a chord the browser keeps for itself would be used, then no command has it", () => {
    const letters = CONSOLE_COMMANDS.map((c) => shortcutLabel(c).slice(-1));
    for (const taken of BROWSER_ALT_LETTERS) expect(letters).not.toContain(taken);
  });

  it("when the letter comes without Alt, or with Ctrl, Shift or Meta too, then it is no command (typing a PIN or a note)", () => {
    expect(commandOfKey({ ...alt("KeyN"), altKey: false })).toBeUndefined();
    expect(commandOfKey(alt("KeyN", { ctrlKey: true }))).toBeUndefined();
    expect(commandOfKey(alt("KeyN", { shiftKey: true }))).toBeUndefined();
    expect(commandOfKey(alt("KeyN", { metaKey: true }))).toBeUndefined();
    expect(commandOfKey(alt("KeyF"))).toBeUndefined();
    expect(commandOfKey(alt("Digit1"))).toBeUndefined();
  });
});

describe("the page's route", () => {
  it("when the path is /counter, then it is the console; /window/<n>, then the window screen of n", () => {
    expect(pageRoute("/counter")).toEqual({ page: "console" });
    expect(pageRoute("/counter/")).toEqual({ page: "console" });
    expect(pageRoute("/window/3")).toEqual({ page: "window", windowNumber: 3 });
    expect(pageRoute("/window/120/")).toEqual({ page: "window", windowNumber: 120 });
  });

  it("when the window number is missing, zero, too long or not a number, then the page says what a right address is", () => {
    for (const path of ["/window", "/window/", "/window/0", "/window/03", "/window/1000", "/window/x", "/window/2/3"]) {
      const route = pageRoute(path);
      expect(route.page, path).toBe("unknown");
      if (route.page === "unknown") expect(route.problem.en).toContain("/window/<window number 1..999>");
    }
    const other = pageRoute("/elsewhere");
    expect(other.page).toBe("unknown");
    if (other.page === "unknown") expect(other.problem.zh).toContain("/counter");
  });
});

describe("what the console allows", () => {
  const facts = {
    connected: true,
    window: { number: 2, name: "综合受理", state: "paused" as const, pauseReason: "暂离" },
    staff: { employeeNo: "GW006", name: "王小明", photo: null },
    current: null,
    held: [],
    callable: [],
  };
  const actions: CounterActions = counterActions(facts);

  it("when the agent is reachable and nothing is in flight, then the agent's verdict stands, its reason included", () => {
    const linked = { linked: true, actions, pending: false };
    expect(consoleVerdict("resume", linked)).toEqual({ allowed: true });
    expect(consoleVerdict("callNext", linked)).toEqual(actions.callNext);
    expect(consoleVerdict("callNext", linked).why?.code).toBe("window_paused");
  });

  it("when the link to the agent is lost, then nothing is allowed, whatever the last state said", () => {
    expect(consoleVerdict("resume", { linked: false, actions, pending: false })).toEqual({
      allowed: false,
      why: PAGE_REASONS.agentUnreachable,
    });
    expect(consoleVerdict("signIn", { linked: false, actions: null, pending: false }).allowed).toBe(false);
  });

  it("when no state came yet, or a request waits for its answer, then nothing is allowed and the page says why", () => {
    expect(consoleVerdict("resume", { linked: true, actions: null, pending: false }).why).toEqual(PAGE_REASONS.noState);
    expect(consoleVerdict("resume", { linked: true, actions, pending: true }).why).toEqual(PAGE_REASONS.pending);
  });

  it("when the language is switched, then it is allowed even offline (it changes nothing at the hall)", () => {
    expect(consoleVerdict("language", { linked: false, actions: null, pending: true })).toEqual({ allowed: true });
  });
});

describe("a window's label", () => {
  it("when the hall's name does not say the number, then the number comes first; when it does, the name alone", () => {
    expect(windowLabel({ number: 2, name: "综合受理" }, "zh-CN")).toBe("2 号窗口 综合受理");
    expect(windowLabel({ number: 2, name: "综合受理" }, "en")).toBe("Window 2 综合受理");
    expect(windowLabel({ number: 2, name: "综合受理2号窗口" }, "zh-CN")).toBe("综合受理2号窗口");
    expect(windowLabel({ number: 12, name: " " }, "zh-CN")).toBe("12 号窗口");
  });
});
