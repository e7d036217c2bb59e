/**
 * The `counter` message's state from what the counter role holds (pure): the window view kept from /ws, the staff
 * session, the callable list, the catalogue's item names and guides, and whether the hall is reachable.
 */
import {
  counterActions,
  type AgentReason,
  type CallableTicket,
  type CatalogDocument,
  type CounterGuide,
  type CounterState,
  type RatingPromptView,
} from "@onewindow/contract";
import type { z } from "zod";
import type { StaffSessionInfo } from "./staffSession.ts";
import type { WindowViewState } from "./windowView.ts";

type CatalogItem = z.infer<typeof CatalogDocument>["items"][number];

export interface CounterParts {
  readonly windowNumber: number;
  /** The hall's time zone (IANA). */
  readonly timeZone: string;
  readonly connected: boolean;
  readonly paired: boolean;
  readonly view: WindowViewState | undefined;
  readonly staff: StaffSessionInfo | undefined;
  readonly signedOut: AgentReason | null;
  readonly callable: readonly CallableTicket[];
  readonly items: ReadonlyMap<string, CatalogItem>;
  /** The rating prompt (ratingStation.ts). */
  readonly rating: RatingPromptView;
}

function guideOf(item: CatalogItem | undefined): CounterGuide | null {
  if (!item) return null;
  return {
    itemCode: item.code,
    itemName: item.name,
    materials: [...item.materials],
    promisedLimit: item.promisedLimit,
    idCardRequired: item.idCardRequired,
  };
}

/** The whole counter state (see contract CounterState). */
export function counterStateOf(parts: CounterParts): CounterState {
  const w = parts.view?.window;
  const staff = parts.staff;
  const current = staff ? (w?.current ?? null) : null;
  const base = {
    connected: parts.connected,
    timeZone: parts.timeZone,
    window: {
      number: parts.windowNumber,
      name: w?.name ?? `${parts.windowNumber}号窗口`,
      state: w?.state ?? "closed",
      pauseReason: w?.pauseReason ?? null,
    },
    staff: staff ? { employeeNo: staff.employeeNo, name: staff.name, photo: staff.photo } : null,
    signedOut: parts.signedOut,
    current: w?.current ?? null,
    held: [...(w?.held ?? [])],
    waiting: staff
      ? staff.items.map((code) => ({
          itemCode: code,
          itemName: parts.items.get(code)?.name ?? code,
          count: parts.view?.waiting[code] ?? 0,
        }))
      : [],
    callable: staff ? [...parts.callable] : [],
    recent: [...(parts.view?.recent ?? [])],
    guide: current ? guideOf(parts.items.get(current.itemCode)) : null,
    lastCall: parts.view?.lastCall ?? null,
    rating: parts.rating,
  } satisfies Omit<CounterState, "actions">;
  return { ...base, actions: counterActions({ ...base, paired: parts.paired }) };
}
