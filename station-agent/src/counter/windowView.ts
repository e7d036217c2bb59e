/**
 * One window's view of the hall, kept from the hall-server's /ws stream: a snapshot on (re)connect, then events in
 * seq order. Pure: `fromSnapshot` and `applyEvent` return a new view; the counter role holds the current one.
 *
 *   snapshot --> window (state, pause reason, staff, current, held), hall waiting counts, last call at the window
 *   ticket.called/started/finished/no_show/held/unheld/transferred/cancelled/reactivated --> current, held, recent
 *   staff.signed_in/out, window.paused/resumed --> window state;  any `waiting` --> counts merged
 */
import type { HallEvent, HallSnapshot, PlainWords, TicketView, WindowView } from "@onewindow/contract";

/** How many ended tickets (no-show, cancelled) `recent` keeps, newest first. */
export const RECENT_LIMIT = 20;

export interface WindowViewState {
  readonly seq: number;
  /** This window as the hall knows it; undefined when the hall has no window with this number. */
  readonly window: WindowView | undefined;
  /** Waiting tickets per item code, hall-wide. */
  readonly waiting: Readonly<Record<string, number>>;
  readonly lastCall: { readonly number: string; readonly text: PlainWords } | null;
  /** No-shows and cancellations at this window, newest first (to reactivate). */
  readonly recent: readonly TicketView[];
}

/** What an event meant for the counter besides its new view. */
export interface WindowEffects {
  /** A service at this window ended (the ratings module's cue). */
  readonly finished?: { readonly ticket: TicketView; readonly handledItemCodes: readonly string[] };
  /** The staff member of this window left it, and why (signed_out, session_expired, ...). */
  readonly signedOut?: string;
}

/** The view of window `windowNumber` in `snapshot` (what the hall says now; `recent` carried over). */
export function fromSnapshot(
  windowNumber: number,
  snapshot: HallSnapshot,
  previous?: WindowViewState,
): WindowViewState {
  const window = snapshot.windows.find((w) => w.number === windowNumber);
  const call = [...snapshot.recentCalls].reverse().find((c) => c.data.window.number === windowNumber);
  return {
    seq: snapshot.seq,
    window,
    waiting: { ...snapshot.waiting },
    lastCall: call ? { number: call.data.ticket.number, text: call.data.announcement } : (previous?.lastCall ?? null),
    recent: previous?.recent ?? [],
  };
}

const without = (list: readonly TicketView[], id: number) => list.filter((t) => t.id !== id);
const isHere = (view: WindowViewState, ticket: TicketView) =>
  view.window?.current?.id === ticket.id || view.window?.held.some((t) => t.id === ticket.id) === true;

/** Apply one hall event to the view of window `windowNumber`. Events at or below the view's seq are ignored. */
export function applyEvent(
  windowNumber: number,
  view: WindowViewState,
  event: HallEvent,
): { view: WindowViewState; effects: WindowEffects } {
  if (event.seq <= view.seq) return { view, effects: {} };
  let next: WindowViewState = { ...view, seq: event.seq };
  const data = event.data as { waiting?: Record<string, number> };
  if (data.waiting) next = { ...next, waiting: { ...next.waiting, ...data.waiting } };
  const w = next.window;
  if (!w) return { view: next, effects: {} };
  const mine = "window" in event.data && event.data.window.number === windowNumber;
  const setWindow = (patch: Partial<WindowView>) => (next = { ...next, window: { ...w, ...patch } });
  const remember = (ticket: TicketView) =>
    (next = { ...next, recent: [ticket, ...without(next.recent, ticket.id)].slice(0, RECENT_LIMIT) });
  switch (event.type) {
    case "ticket.called":
      if (!mine) break;
      setWindow({ current: event.data.ticket, held: without(w.held, event.data.ticket.id) });
      next = { ...next, lastCall: { number: event.data.ticket.number, text: event.data.announcement } };
      break;
    case "ticket.started":
      if (mine) setWindow({ current: event.data.ticket });
      break;
    case "ticket.finished":
      if (!mine) break;
      if (w.current?.id === event.data.ticket.id) setWindow({ current: null });
      return {
        view: next,
        effects: { finished: { ticket: event.data.ticket, handledItemCodes: event.data.handledItemCodes } },
      };
    case "ticket.no_show":
      if (!mine) break;
      if (w.current?.id === event.data.ticket.id) setWindow({ current: null });
      remember(event.data.ticket);
      break;
    case "ticket.held":
      if (!mine) break;
      setWindow({
        current: w.current?.id === event.data.ticket.id ? null : w.current,
        held: [...without(w.held, event.data.ticket.id), event.data.ticket],
      });
      break;
    case "ticket.unheld":
      if (mine) setWindow({ current: event.data.ticket, held: without(w.held, event.data.ticket.id) });
      break;
    case "ticket.transferred":
    case "ticket.cancelled": {
      const ticket = event.data.ticket;
      const here = isHere(next, ticket);
      if (here)
        setWindow({ current: w.current?.id === ticket.id ? null : w.current, held: without(w.held, ticket.id) });
      if (event.type === "ticket.cancelled" && (here || ticket.windowNumber === windowNumber)) remember(ticket);
      break;
    }
    case "ticket.reactivated":
      next = { ...next, recent: without(next.recent, event.data.ticket.id) };
      break;
    case "staff.signed_in":
      if (mine) setWindow({ staff: event.data.staff, state: "open", pauseReason: null });
      break;
    case "staff.signed_out":
      if (!mine) break;
      setWindow({ staff: null, state: "closed", pauseReason: null });
      return { view: next, effects: { signedOut: event.data.reason } };
    case "window.paused":
      if (mine) setWindow({ state: "paused", pauseReason: event.data.reason });
      break;
    case "window.resumed":
      if (mine) setWindow({ state: "open", pauseReason: null });
      break;
    default:
      break;
  }
  return { view: next, effects: {} };
}
