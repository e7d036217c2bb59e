import { describe, expect, it } from "vitest";
import { AgentMessage, PageMessage } from "./agent.ts";
import { counterActions, counterRefusal, type CounterFacts } from "./counterActions.ts";
import type { TicketView } from "./events.ts";

const requestId = "0b5e1a52-1f7c-4a55-8f5e-3d1f8e6f0a11";
const ticket = (state: TicketView["state"]): TicketView => ({
  id: 7,
  number: "A001",
  itemCode: "HJ01",
  itemName: "户籍",
  state,
  priority: "normal",
  channel: "kiosk",
  agent: false,
  arrivedAt: 1,
  windowNumber: 2,
  recallCount: 0,
  nameMasked: null,
  idMasked: null,
  publicToken: "t",
});
const facts = (patch: Partial<CounterFacts> = {}): CounterFacts => ({
  connected: true,
  window: { number: 2, name: "2号窗口", state: "open", pauseReason: null },
  staff: { employeeNo: "1001", name: "王芳", photo: null },
  current: null,
  held: [],
  callable: [
    {
      id: 8,
      number: "A002",
      itemCode: "HJ01",
      itemName: "户籍",
      priority: "normal",
      arrivedAt: 1,
      appointmentAt: null,
      targeted: false,
      nameMasked: null,
    },
  ],
  ...patch,
});

describe("counter page messages", () => {
  it("when a console sends an act, then the page channel parses it with its arguments", () => {
    const parsed = PageMessage.parse({ type: "act", requestId, action: "call", number: " a012 " });
    expect(parsed).toEqual({ type: "act", requestId, action: "call", number: "A012" });
    expect(PageMessage.parse({ type: "signIn", requestId, employeeNo: "1001", pin: "123456" }).type).toBe("signIn");
  });

  it("when an act is malformed, then it is refused naming the problem", () => {
    const both = PageMessage.safeParse({ type: "act", requestId, action: "call", ticketId: 1, number: "A001" });
    expect(both.error?.issues[0]?.message).toBe("give exactly one of ticketId or number");
    const transfer = PageMessage.safeParse({ type: "act", requestId, action: "transfer", to: "window" });
    expect(transfer.error?.issues[0]?.message).toMatch(/to a window windowNumber/);
    expect(PageMessage.safeParse({ type: "act", requestId, action: "explode" }).success).toBe(false);
    expect(PageMessage.safeParse({ type: "signIn", requestId, employeeNo: "1001", pin: "12a4" }).success).toBe(false);
  });

  it("when a console signs in, then its PIN follows the hall's one PIN rule (6-12 digits), not a shorter one of its own", () => {
    const signIn = (pin: string) => PageMessage.safeParse({ type: "signIn", requestId, employeeNo: "1001", pin });
    expect(signIn("123456789012").success).toBe(true);
    expect(signIn("1234567890").success).toBe(true);
    expect(signIn("12345").error?.issues[0]?.message).toBe("PIN must be 6-12 digits");
    expect(signIn("1234567890123").success).toBe(false);
  });

  it("when the agent answers, then actRefused and counter are agent messages", () => {
    const refused = {
      type: "actRefused",
      requestId,
      reason: { code: "hall_unreachable", words: { zh: "x", en: "y" } },
    };
    expect(AgentMessage.parse(refused)).toEqual(refused);
  });
});

describe("counterActions", () => {
  it("when the window is free with people waiting, then calling is allowed and serving actions say why not", () => {
    const actions = counterActions(facts());
    expect(actions.callNext).toEqual({ allowed: true });
    expect(actions.finish.allowed).toBe(false);
    expect(actions.finish.why?.code).toBe("no_current");
    expect(actions.resume.why?.words.zh).toBe("窗口未暂停");
    expect(actions.signIn.why?.code).toBe("already_signed_in");
  });

  it("when a ticket is called, then start, recall and no-show are allowed, finish and hold need the service started", () => {
    const actions = counterActions(facts({ current: ticket("called") }));
    expect([actions.start.allowed, actions.recall.allowed, actions.noShow.allowed]).toEqual([true, true, true]);
    expect(actions.finish.why?.code).toBe("not_serving");
    expect(actions.callNext.why?.code).toBe("window_busy");
  });

  it("when serving, then finish, hold and transfer are allowed and recall is not", () => {
    const actions = counterActions(facts({ current: ticket("serving") }));
    expect([actions.finish.allowed, actions.hold.allowed, actions.transfer.allowed]).toEqual([true, true, true]);
    expect(actions.recall.why?.code).toBe("not_called");
  });

  it("when paused, nobody waits, or nothing is held, then the matching refusals are given", () => {
    expect(
      counterRefusal("callNext", facts({ window: { number: 2, name: "", state: "paused", pauseReason: "暂离" } }))
        ?.code,
    ).toBe("window_paused");
    expect(counterRefusal("callNext", facts({ callable: [] }))?.code).toBe("nobody_waiting");
    expect(counterRefusal("unhold", facts())?.code).toBe("none_held");
  });

  it("when the hall is unreachable or nobody is signed in, then every control says so", () => {
    const offline = counterActions(facts({ connected: false }));
    expect(Object.values(offline).every((v) => v.why?.code === "hall_unreachable")).toBe(true);
    const out = counterActions(facts({ staff: null }));
    expect(out.signIn).toEqual({ allowed: true });
    expect(out.callNext.why?.code).toBe("not_signed_in");
  });
});
