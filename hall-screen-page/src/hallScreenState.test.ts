import { describe, expect, it } from "vitest";
import { HallEvent, HallSnapshot, type TicketView, type WindowView } from "@onewindow/contract";
import {
  activeNotices,
  applyEvent,
  fromSnapshot,
  needsFreshSnapshot,
  RECENT_CALLS,
  type Notice,
  type ScreenEvent,
  type ScreenState,
} from "./hallScreenState.ts";

const ENQUIRY = "ITEM-A";
const MAILING = "ITEM-B";
const T0 = Date.parse("2026-11-25T10:00:00+08:00");
const staff = { employeeNo: "GW005", name: "陈静" };

const ticket = (id: number, patch: Partial<TicketView> = {}): TicketView => ({
  id,
  number: `A${String(id).padStart(3, "0")}`,
  itemCode: ENQUIRY,
  itemName: "综合咨询",
  state: "waiting",
  priority: "normal",
  channel: "kiosk",
  agent: false,
  arrivedAt: T0,
  windowNumber: null,
  recallCount: 0,
  nameMasked: "张*",
  idMasked: "110***********1234",
  publicToken: `token-${id}`,
  ...patch,
});
const windowRef = (number: number) => ({ id: number, number, name: `${number}号窗口` });
const windowView = (number: number, patch: Partial<WindowView> = {}): WindowView => ({
  ...windowRef(number),
  area: "A区",
  floor: "1F",
  state: "open",
  pauseReason: null,
  staff,
  current: null,
  held: [],
  ...patch,
});

const snapshot = (patch: Partial<HallSnapshot> = {}): HallSnapshot =>
  HallSnapshot.parse({
    seq: 10,
    hallName: "示范政务服务大厅",
    timeZone: "Asia/Shanghai",
    windows: [windowView(3, { state: "closed", staff: null }), windowView(1), windowView(2)],
    waiting: { [ENQUIRY]: 4, [MAILING]: 0 },
    recentCalls: [],
    notices: [],
    ...patch,
  });

/** A contract-checked event (parsed by the contract's schema, so the fixtures cannot drift from it). */
const event = (seq: number, type: string, data: unknown): ScreenEvent =>
  HallEvent.parse({ type, data, seq, at: T0 + seq * 1000 });
const called = (seq: number, id: number, window: number, recall = 0) =>
  event(seq, "ticket.called", {
    ticket: ticket(id, { state: "called", windowNumber: window, recallCount: recall }),
    waiting: { [ENQUIRY]: 3 },
    window: windowRef(window),
    staff,
    recall,
    chosen: false,
    reason: recall > 0 ? "recall" : "normal",
    announcement: {
      zh: `请 A${String(id).padStart(3, "0")} 号到 ${window} 号窗口办理`,
      en: `Number A${String(id).padStart(3, "0")}, please go to window ${window}`,
    },
  });
const notice = (id: number, patch: Partial<Notice> = {}): Notice => ({
  id,
  text: `通知 ${id}`,
  publishedAt: T0 + id,
  expiresAt: null,
  by: staff,
  ...patch,
});
const fold = (state: ScreenState, ...events: ScreenEvent[]) => events.reduce(applyEvent, state);

describe("hall screen state", () => {
  it("when built from a snapshot, then windows are in number order and no personal data is kept", () => {
    const s = fromSnapshot(
      snapshot({
        windows: [windowView(2, { current: ticket(7, { state: "serving", windowNumber: 2 }) }), windowView(1)],
      }),
    );
    expect(s.windows.map((w) => w.number)).toEqual([1, 2]);
    expect(s.windows[1]!.current).toEqual({ id: 7, number: "A007", itemName: "综合咨询", state: "serving" });
    expect(JSON.stringify(s)).not.toMatch(/张\*|110\*|token-/);
    expect(s.seq).toBe(10);
    expect(s.notices).toEqual([]);
  });

  it("when a ticket is called, then its window shows it and it heads the recent calls with its announcement", () => {
    const s = fold(fromSnapshot(snapshot()), called(11, 5, 2));
    expect(s.windows.find((w) => w.number === 2)!.current).toEqual({
      id: 5,
      number: "A005",
      itemName: "综合咨询",
      state: "called",
    });
    expect(s.recentCalls[0]).toMatchObject({
      seq: 11,
      number: "A005",
      windowNumber: 2,
      windowName: "2号窗口",
      recall: 0,
      announcement: { zh: "请 A005 号到 2 号窗口办理" },
    });
    expect(s.waiting[ENQUIRY]).toBe(3);
    expect(s.waiting[MAILING]).toBe(0);
    expect(s.seq).toBe(11);
  });

  it("when calls keep coming, then the newest is first and only the last few are kept; a recall is a call of its own", () => {
    let s = fromSnapshot(snapshot());
    for (let i = 1; i <= RECENT_CALLS + 2; i++) s = applyEvent(s, called(10 + i, i, 1 + (i % 2)));
    s = applyEvent(s, called(30, RECENT_CALLS + 2, 1, 1));
    expect(s.recentCalls).toHaveLength(RECENT_CALLS);
    expect(s.recentCalls[0]).toMatchObject({ seq: 30, recall: 1 });
    expect(s.recentCalls.map((c) => c.seq)).toEqual([...s.recentCalls.map((c) => c.seq)].sort((a, b) => b - a));
  });

  it("when an event at or below the state's seq arrives (an overlapping replay), then nothing changes", () => {
    const s = fold(fromSnapshot(snapshot()), called(11, 5, 2));
    expect(applyEvent(s, called(11, 5, 2))).toBe(s);
    expect(applyEvent(s, called(9, 6, 1))).toBe(s);
  });

  it("when service starts, ends, is held, transferred, cancelled or a no-show, then the window's number follows", () => {
    const base = fold(fromSnapshot(snapshot()), called(11, 5, 2));
    const at2 = (s: ScreenState) => s.windows.find((w) => w.number === 2)!.current;
    const started = applyEvent(
      base,
      event(12, "ticket.started", {
        ticket: ticket(5, { state: "serving", windowNumber: 2 }),
        waiting: {},
        window: windowRef(2),
        staff,
      }),
    );
    expect(at2(started)?.state).toBe("serving");
    const finished = applyEvent(
      started,
      event(13, "ticket.finished", {
        ticket: ticket(5, { state: "done", windowNumber: 2 }),
        waiting: {},
        window: windowRef(2),
        staff,
        handledItemCodes: [ENQUIRY],
      }),
    );
    expect(at2(finished)).toBeNull();
    const held = applyEvent(
      started,
      event(13, "ticket.held", { ticket: ticket(5, { state: "on_hold" }), waiting: {}, window: windowRef(2) }),
    );
    expect(at2(held)).toBeNull();
    const unheld = applyEvent(
      held,
      event(14, "ticket.unheld", {
        ticket: ticket(5, { state: "serving", windowNumber: 2 }),
        waiting: {},
        window: windowRef(2),
      }),
    );
    expect(at2(unheld)?.number).toBe("A005");
    const transferred = applyEvent(
      started,
      event(13, "ticket.transferred", {
        ticket: ticket(5, { state: "waiting", itemCode: MAILING }),
        waiting: { [MAILING]: 1 },
        fromItemCode: ENQUIRY,
        toItemCode: MAILING,
        toEmployeeNo: null,
        toWindowNumber: 3,
        note: "",
      }),
    );
    expect(at2(transferred)).toBeNull();
    expect(transferred.waiting[MAILING]).toBe(1);
    const noShow = applyEvent(
      base,
      event(12, "ticket.no_show", { ticket: ticket(5, { state: "no_show" }), waiting: {}, window: windowRef(2) }),
    );
    expect(at2(noShow)).toBeNull();
    const cancelled = applyEvent(
      base,
      event(12, "ticket.cancelled", { ticket: ticket(5, { state: "cancelled" }), waiting: {} }),
    );
    expect(at2(cancelled)).toBeNull();
    // The recent calls are history: they keep the call whatever happened after.
    expect(cancelled.recentCalls).toHaveLength(1);
  });

  it("when a window pauses, resumes, opens and closes, then its state and reason follow", () => {
    const s0 = fromSnapshot(snapshot());
    const paused = applyEvent(s0, event(11, "window.paused", { window: windowRef(1), staff, reason: "暂离" }));
    expect(paused.windows[0]).toMatchObject({ state: "paused", pauseReason: "暂离" });
    const resumed = applyEvent(paused, event(12, "window.resumed", { window: windowRef(1), staff }));
    expect(resumed.windows[0]).toMatchObject({ state: "open", pauseReason: null });
    const opened = applyEvent(resumed, event(13, "staff.signed_in", { window: windowRef(3), staff }));
    expect(opened.windows[2]).toMatchObject({ number: 3, state: "open" });
    const withCall = applyEvent(opened, called(14, 8, 3));
    const closed = applyEvent(
      withCall,
      event(15, "staff.signed_out", { window: windowRef(3), staff, reason: "signed_out" }),
    );
    expect(closed.windows[2]).toMatchObject({ state: "closed", current: null });
  });

  it("when waiting counts change with an issue or a day's end, then only the items named change", () => {
    const s = fold(
      fromSnapshot(snapshot()),
      event(11, "ticket.issued", { ticket: ticket(9, { itemCode: MAILING }), waiting: { [MAILING]: 1 } }),
      event(12, "ticket.expired", {
        ticket: ticket(4, { state: "expired" }),
        waiting: { [ENQUIRY]: 0 },
        day: "2026-11-25",
      }),
    );
    expect(s.waiting).toEqual({ [ENQUIRY]: 0, [MAILING]: 1 });
  });

  it("when notices are published and withdrawn, then the screen lists the active ones, oldest first", () => {
    const s0 = fromSnapshot({ ...snapshot(), notices: [notice(2), notice(1)] });
    expect(s0.notices.map((n) => n.id)).toEqual([1, 2]);
    const s1 = fold(
      s0,
      event(11, "notice.published", { notice: notice(3) }),
      event(12, "notice.withdrawn", { noticeId: 1, by: staff }),
    );
    expect(s1.notices.map((n) => n.id)).toEqual([2, 3]);
    // A notice past its expiry is not shown, even before it is withdrawn.
    const s2 = fromSnapshot({ ...snapshot(), notices: [notice(1, { expiresAt: T0 + 60_000 }), notice(2)] });
    expect(activeNotices(s2, T0).map((n) => n.id)).toEqual([1, 2]);
    expect(activeNotices(s2, T0 + 60_000).map((n) => n.id)).toEqual([2]);
  });

  it("when the snapshot has no notices (a hall before the notices API), then the screen has none", () => {
    const { notices: _none, ...older } = snapshot();
    expect(fromSnapshot(older).notices).toEqual([]);
  });

  it("when the snapshot holds recent calls, then they are listed newest first", () => {
    const calls = [called(4, 1, 1), called(8, 2, 2), called(6, 3, 1)];
    const s = fromSnapshot(snapshot({ recentCalls: calls as HallSnapshot["recentCalls"] }));
    expect(s.recentCalls.map((c) => c.seq)).toEqual([8, 6, 4]);
  });

  it("when a catalogue is imported, then the screen asks for a fresh snapshot; other events do not", () => {
    expect(needsFreshSnapshot(event(11, "catalog.imported", { version: "2026.12" }))).toBe(true);
    expect(needsFreshSnapshot(called(11, 1, 1))).toBe(false);
  });
});
