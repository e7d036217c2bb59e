/**
 * What the hall screen shows, as a pure function of the hall's snapshot and the events after it:
 *
 *   /ws snapshot --fromSnapshot--> ScreenState --applyEvent(event)--> ScreenState --> the page renders it
 *
 * Windows (number, name, current number, open/paused/closed), the last calls newest first, waiting counts per item
 * code and the active notices. Only non-personal parts of tickets are kept (number, item, window): never the masked
 * name or ID a ticket view carries. No I/O, no clock: the page and the unit tests feed it.
 */
import type { HallEvent, HallSnapshot, Notice, TicketView, WindowView } from "@onewindow/contract";

export type { Notice };

/** How many calls the screen keeps (the newest is highlighted). */
export const RECENT_CALLS = 6;

/** Every event the screen reads (notice.published / notice.withdrawn included). */
export type ScreenEvent = HallEvent;

/**
 * A snapshot as the screen reads it: `notices` may be absent (a hall-server from before the notices API, which a
 * screen may meet during an upgrade: it then shows none).
 */
export type ScreenSnapshot = Omit<HallSnapshot, "notices"> & { readonly notices?: readonly Notice[] };

/** The number a window shows: the ticket it called or serves, no personal data. */
export interface ScreenTicket {
  readonly id: number;
  readonly number: string;
  readonly itemName: string;
  /** "called" until the citizen arrives and service starts ("serving"). */
  readonly state: "called" | "serving";
}

export interface ScreenWindow {
  readonly number: number;
  readonly name: string;
  readonly state: "closed" | "open" | "paused";
  /** 去向留言, shown while paused. */
  readonly pauseReason: string | null;
  readonly current: ScreenTicket | null;
}

/** One call (or recall) on the screen's list. */
export interface RecentCall {
  /** The ticket.called event's seq: also the voice endpoint's key (GET /api/voice/announcements/:seq). */
  readonly seq: number;
  /** Epoch ms of the call (the hall's clock). */
  readonly at: number;
  readonly number: string;
  readonly itemName: string;
  readonly windowNumber: number;
  readonly windowName: string;
  /** 0 for the first call, n for the n-th recall. */
  readonly recall: number;
  /** What the voice says, in Mandarin and English. */
  readonly announcement: { readonly zh: string; readonly en: string };
}

export interface ScreenState {
  /** The last event's seq folded in: /ws resumes with since=<seq>. */
  readonly seq: number;
  readonly hallName: string;
  /** The hall's time zone (IANA): the screen's clock shows the hall's time, not its PC's. */
  readonly timeZone: string;
  /** By window number. */
  readonly windows: readonly ScreenWindow[];
  /** Newest first, at most RECENT_CALLS. */
  readonly recentCalls: readonly RecentCall[];
  /** Waiting tickets per item code. */
  readonly waiting: Readonly<Record<string, number>>;
  /** Active notices, oldest first. */
  readonly notices: readonly Notice[];
}

const screenTicket = (t: TicketView): ScreenTicket | null =>
  t.state === "called" || t.state === "serving"
    ? { id: t.id, number: t.number, itemName: t.itemName, state: t.state }
    : null;

const screenWindow = (w: WindowView): ScreenWindow => ({
  number: w.number,
  name: w.name,
  state: w.state,
  pauseReason: w.state === "paused" ? w.pauseReason : null,
  current: w.current ? screenTicket(w.current) : null,
});

/** The call a ticket.called event announces. */
export function recentCallOf(event: Extract<HallEvent, { type: "ticket.called" }>): RecentCall {
  const { ticket, window, recall, announcement } = event.data;
  return {
    seq: event.seq,
    at: event.at,
    number: ticket.number,
    itemName: ticket.itemName,
    windowNumber: window.number,
    windowName: window.name,
    recall,
    announcement: { zh: announcement.zh, en: announcement.en },
  };
}

/** The screen's state from a snapshot (the hall as it is at `snapshot.seq`). */
export function fromSnapshot(snapshot: ScreenSnapshot): ScreenState {
  return {
    seq: snapshot.seq,
    hallName: snapshot.hallName,
    timeZone: snapshot.timeZone,
    windows: snapshot.windows.map(screenWindow).sort((a, b) => a.number - b.number),
    recentCalls: [...snapshot.recentCalls]
      .sort((a, b) => b.seq - a.seq)
      .slice(0, RECENT_CALLS)
      .map(recentCallOf),
    waiting: { ...snapshot.waiting },
    notices: [...(snapshot.notices ?? [])].sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id),
  };
}

/** `state.windows` with window `number` changed by `change` (a window the snapshot did not list is left alone). */
function withWindow(
  state: ScreenState,
  number: number,
  change: (w: ScreenWindow) => ScreenWindow,
): readonly ScreenWindow[] {
  return state.windows.map((w) => (w.number === number ? change(w) : w));
}

/** Every window whose current ticket is `ticketId` shows none. */
function clearTicket(windows: readonly ScreenWindow[], ticketId: number): readonly ScreenWindow[] {
  return windows.map((w) => (w.current?.id === ticketId ? { ...w, current: null } : w));
}

/**
 * The state after `event`. An event at or below `state.seq` (a replay overlapping what the snapshot holds) changes
 * nothing; event types the screen does not show only advance `seq`.
 */
export function applyEvent(state: ScreenState, event: ScreenEvent): ScreenState {
  if (event.seq <= state.seq) return state;
  const next: { -readonly [K in keyof ScreenState]: ScreenState[K] } = { ...state, seq: event.seq };
  // Every ticket event carries the waiting counts of the items it changed.
  if ("waiting" in event.data) next.waiting = { ...state.waiting, ...event.data.waiting };
  switch (event.type) {
    case "ticket.called": {
      const { ticket, window } = event.data;
      const current = screenTicket(ticket);
      // A ticket called here was served elsewhere a moment ago only after a transfer; keep one window per ticket.
      next.windows = withWindow({ ...next, windows: clearTicket(state.windows, ticket.id) }, window.number, (w) => ({
        ...w,
        current,
      }));
      next.recentCalls = [recentCallOf(event), ...state.recentCalls.filter((c) => c.seq !== event.seq)].slice(
        0,
        RECENT_CALLS,
      );
      return next;
    }
    case "ticket.started":
    case "ticket.unheld": {
      const current = screenTicket(event.data.ticket);
      next.windows = withWindow(state, event.data.window.number, (w) => ({ ...w, current }));
      return next;
    }
    case "ticket.finished":
    case "ticket.no_show":
    case "ticket.held":
    case "ticket.transferred":
    case "ticket.cancelled":
    case "ticket.expired":
      next.windows = clearTicket(state.windows, event.data.ticket.id);
      return next;
    case "staff.signed_in":
      next.windows = withWindow(state, event.data.window.number, (w) => ({ ...w, state: "open", pauseReason: null }));
      return next;
    case "staff.signed_out":
      next.windows = withWindow(state, event.data.window.number, (w) => ({
        ...w,
        state: "closed",
        pauseReason: null,
        current: null,
      }));
      return next;
    case "window.paused":
      next.windows = withWindow(state, event.data.window.number, (w) => ({
        ...w,
        state: "paused",
        pauseReason: event.data.reason,
      }));
      return next;
    case "window.resumed":
      next.windows = withWindow(state, event.data.window.number, (w) => ({ ...w, state: "open", pauseReason: null }));
      return next;
    case "notice.published":
      next.notices = [...state.notices.filter((n) => n.id !== event.data.notice.id), event.data.notice];
      return next;
    case "notice.withdrawn":
      next.notices = state.notices.filter((n) => n.id !== event.data.noticeId);
      return next;
    default:
      return next;
  }
}

/** Notices still in force at `now` (epoch ms): one that expired is no longer shown, even before it is withdrawn. */
export function activeNotices(state: Pick<ScreenState, "notices">, now: number): readonly Notice[] {
  return state.notices.filter((n) => n.expiresAt === null || n.expiresAt > now);
}

/**
 * Whether `event` changes the hall's layout in a way the events do not carry (a catalogue import may rename, add or
 * drop windows and items): the screen then takes a fresh snapshot and the catalogue again.
 */
export function needsFreshSnapshot(event: ScreenEvent): boolean {
  return event.type === "catalog.imported";
}
