import { describe, expect, it } from "vitest";
import type { HallEvent, HallSnapshot, TicketView, WindowView } from "@onewindow/contract";
import { applyEvent, fromSnapshot, RECENT_LIMIT, type WindowViewState } from "./windowView.ts";

const ticket = (id: number, state: TicketView["state"] = "called"): TicketView => ({
  id,
  number: `A${String(id).padStart(3, "0")}`,
  itemCode: "HJ",
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
const windowRef = (number: number) => ({ id: number, number, name: `${number}号窗口` });
const staff = { employeeNo: "GW006", name: "王芳" };
const windowView = (number: number, patch: Partial<WindowView> = {}): WindowView => ({
  ...windowRef(number),
  area: "A",
  floor: "1",
  state: "open",
  pauseReason: null,
  staff,
  current: null,
  held: [],
  ...patch,
});
const snapshot: HallSnapshot = {
  seq: 10,
  hallName: "hall",
  timeZone: "Asia/Shanghai",
  windows: [windowView(1), windowView(2)],
  waiting: { HJ: 3 },
  recentCalls: [],
  notices: [],
};
let seq = 10;
const event = (type: string, data: Record<string, unknown>) => ({ type, data, seq: ++seq, at: 1 }) as HallEvent;
const apply = (view: WindowViewState, e: HallEvent) => applyEvent(2, view, e);

describe("window view", () => {
  it("when a call at this window arrives, then it is current with its announcement; a call elsewhere is not", () => {
    let view = fromSnapshot(2, snapshot);
    const announcement = { zh: "请 A001 号到 2 号窗口办理", en: "Number A001, please go to window 2" };
    const base = { waiting: { HJ: 2 }, staff, recall: 0, chosen: false, reason: "normal", announcement };
    view = apply(view, event("ticket.called", { ...base, ticket: ticket(1), window: windowRef(2) })).view;
    view = apply(view, event("ticket.called", { ...base, ticket: ticket(9), window: windowRef(1) })).view;
    expect(view.window?.current?.id).toBe(1);
    expect(view.lastCall).toEqual({ number: "A001", text: announcement });
    expect(view.waiting.HJ).toBe(2);
  });

  it("when a service starts here, then it is current and the effect names it; one elsewhere is not", () => {
    const view = fromSnapshot(2, snapshot);
    const started = apply(
      view,
      event("ticket.started", { ticket: ticket(1, "serving"), waiting: {}, window: windowRef(2), staff }),
    );
    expect(started.view.window?.current?.state).toBe("serving");
    expect(started.effects.started?.id).toBe(1);
    const elsewhere = apply(
      view,
      event("ticket.started", { ticket: ticket(3, "serving"), waiting: {}, window: windowRef(1), staff }),
    );
    expect(elsewhere.effects).toEqual({});
  });

  it("when a service finishes here, then the window is free and the effect names the ticket and items", () => {
    const view = fromSnapshot(2, { ...snapshot, windows: [windowView(2, { current: ticket(1, "serving") })] });
    const done = apply(
      view,
      event("ticket.finished", {
        ticket: ticket(1, "done"),
        waiting: {},
        window: windowRef(2),
        staff,
        handledItemCodes: ["HJ"],
      }),
    );
    expect(done.view.window?.current).toBeNull();
    expect(done.effects.finished).toMatchObject({ ticket: { id: 1 }, handledItemCodes: ["HJ"] });
  });

  it("when held, unheld, transferred and cancelled, then current, held and recent follow", () => {
    let view = fromSnapshot(2, { ...snapshot, windows: [windowView(2, { current: ticket(1, "serving") })] });
    view = apply(view, event("ticket.held", { ticket: ticket(1, "on_hold"), waiting: {}, window: windowRef(2) })).view;
    expect([view.window?.current, view.window?.held.map((t) => t.id)]).toEqual([null, [1]]);
    view = apply(
      view,
      event("ticket.unheld", { ticket: ticket(1, "serving"), waiting: {}, window: windowRef(2) }),
    ).view;
    expect([view.window?.current?.id, view.window?.held]).toEqual([1, []]);
    const transfer = { fromItemCode: "HJ", toItemCode: "HJ", toEmployeeNo: null, toWindowNumber: 3, note: "" };
    view = apply(view, event("ticket.transferred", { ticket: ticket(1, "waiting"), waiting: {}, ...transfer })).view;
    expect(view.window?.current).toBeNull();
    view = apply(view, event("ticket.cancelled", { ticket: ticket(4, "cancelled"), waiting: {} })).view;
    expect(view.recent.map((t) => t.id)).toEqual([4]);
    view = apply(view, event("ticket.reactivated", { ticket: ticket(4, "waiting"), waiting: {} })).view;
    expect(view.recent).toEqual([]);
  });

  it("when no-shows pile up, then recent keeps the newest ones only", () => {
    let view = fromSnapshot(2, snapshot);
    for (let id = 1; id <= RECENT_LIMIT + 5; id++)
      view = apply(
        view,
        event("ticket.no_show", { ticket: ticket(id, "no_show"), waiting: {}, window: windowRef(2) }),
      ).view;
    expect(view.recent).toHaveLength(RECENT_LIMIT);
    expect(view.recent[0]?.id).toBe(RECENT_LIMIT + 5);
  });

  it("when the window pauses, resumes and its staff member leaves, then the state follows and the leave says why", () => {
    let view = fromSnapshot(2, snapshot);
    view = apply(view, event("window.paused", { window: windowRef(2), staff, reason: "暂离" })).view;
    expect(view.window).toMatchObject({ state: "paused", pauseReason: "暂离" });
    view = apply(view, event("window.resumed", { window: windowRef(2), staff })).view;
    expect(view.window).toMatchObject({ state: "open", pauseReason: null });
    const left = apply(view, event("staff.signed_out", { window: windowRef(2), staff, reason: "session_expired" }));
    expect(left.view.window).toMatchObject({ state: "closed", staff: null });
    expect(left.effects.signedOut).toBe("session_expired");
  });

  it("when an event is replayed (seq not beyond the view's), then nothing changes", () => {
    const view = fromSnapshot(2, snapshot);
    const old = { ...event("window.paused", { window: windowRef(2), staff, reason: "x" }), seq: 5 };
    expect(apply(view, old).view).toBe(view);
  });
});
