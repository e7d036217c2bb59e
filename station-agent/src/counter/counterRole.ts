/**
 * The counter role: one window's staff console, window screen, caller keypad and LED strip, through one agent.
 *
 *   hall /ws (device token) --snapshot/events--> windowView --> counter state --> "counter" to every page,
 *                                                                          \--> LED strip text, caller display text
 *   console --signIn/signOut--> StaffSession (PIN once; session token kept here)
 *   console --act--> \
 *   caller key -----> one action at a time (a second one meanwhile: "busy") --> counterActs --> hall REST
 *   ticket.finished at this window --> "serviceFinished" --> ratings (ratingStation.ts: the evaluation keypad and the
 *   window screen's prompt, bound to that service until the next one starts; CounterState.rating)
 *
 * An action while the hall's /ws is down is refused at once ("hall_unreachable"); nothing is pretended: the state
 * changes only from what the hall says on /ws.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { z } from "zod";
import {
  CatalogDocument,
  CounterWaiting,
  HallEvent,
  HallSnapshot,
  counterReason,
  counterRefusal,
  type AgentMessage,
  type AgentReason,
  type CallableTicket,
  type CounterControl,
  type CounterState,
  type ParsedPageMessage,
  type TicketView,
} from "@onewindow/contract";
import type { caller } from "@onewindow/drivers/node";
import type { StationConfig } from "../config.ts";
import type { StationRole } from "../core/stationRole.ts";
import type { StationDevices } from "../devices/stationDevices.ts";
import { HallError, type HallClient } from "../hall/hallClient.ts";
import type { HallLink } from "../hall/hallLink.ts";
import type { PageConnection } from "../page/pageServer.ts";
import { reason } from "../words.ts";
import { performAct, type ActOutcome } from "./counterActs.ts";
import { counterStateOf } from "./counterState.ts";
import { CounterDisplays } from "./counterDisplays.ts";
import { hallRefusal } from "./hallRefusal.ts";
import { planKey, type KeypadStep } from "./keypadPlan.ts";
import { IDLE_PROMPT_VIEW, PROMPT_NOTICES } from "./ratingPrompt.ts";
import { RatingJournal } from "./ratingJournal.ts";
import { RatingStation } from "./ratingStation.ts";
import { StaffSession } from "./staffSession.ts";
import { applyEvent, fromSnapshot, type WindowViewState } from "./windowView.ts";

type CatalogItem = z.infer<typeof CatalogDocument>["items"][number];

/** A service that ended at this window (the cue for a rating request). */
export interface ServiceFinished {
  readonly ticket: TicketView;
  readonly handledItemCodes: readonly string[];
  readonly windowNumber: number;
  readonly staff: { readonly employeeNo: string; readonly name: string } | null;
}

export interface CounterRoleEvents {
  serviceFinished: [ServiceFinished];
  /** A service began at this window. */
  serviceStarted: [TicketView];
  /** The caller keypad's rating-request key (mapped to "requestRating"): ask the citizen to rate again. */
  ratingRequested: [];
  /** The state just sent to the pages. */
  state: [CounterState];
}

export interface CounterRoleOptions {
  readonly config: StationConfig;
  readonly station: Extract<StationConfig["station"], { kind: "counter" }>;
  readonly hall: HallClient;
  readonly link: HallLink;
  readonly devices: StationDevices;
  readonly log: Logger;
  readonly now: () => number;
  readonly paired: () => boolean;
  readonly broadcast: (message: AgentMessage) => void;
  readonly reconnectMs?: { readonly initial: number; readonly max: number };
}

/** A running counter role. */
export interface CounterRole extends StationRole {
  readonly events: EventEmitter<CounterRoleEvents>;
  /** The state as last sent to the pages. */
  state(): CounterState;
}

const signOutWords: Record<string, AgentReason> = {
  session_expired: counterReason("session_expired"),
  released_by_supervisor: counterReason("released_by_supervisor"),
  device_revoked: counterReason("device_revoked"),
  signed_out: counterReason("signed_out_elsewhere"),
};

export function createCounterRole(options: CounterRoleOptions): CounterRole {
  const { config, station, hall, link, devices, log } = options;
  const windowNumber = station.windowNumber;
  const keypad = config.keypad;
  const events = new EventEmitter<CounterRoleEvents>();
  const session = new StaffSession({
    baseUrl: config.hallUrl,
    windowNumber,
    device: hall,
    log,
    reconnectMs: options.reconnectMs,
  });
  let view: WindowViewState | undefined;
  let callable: CallableTicket[] = [];
  let items = new Map<string, CatalogItem>();
  let signedOut: AgentReason | null = null;
  let busy = false;
  let lastKey: { kind: string; at: number } | undefined;
  let sent: CounterState | undefined;
  let sentText = "";
  const displays = new CounterDisplays(devices, keypad, config.devices.callerKeypad?.address, log);
  let stopped = false;
  /** Started with the role (the evaluation keypad is open by then). */
  let ratings: RatingStation | undefined;
  let ratingJournal: RatingJournal | undefined;

  const current = (): CounterState =>
    counterStateOf({
      windowNumber,
      timeZone: config.timeZone,
      connected: link.connected,
      paired: options.paired(),
      view,
      staff: session.info,
      signedOut,
      callable,
      items,
      rating: ratings?.view() ?? IDLE_PROMPT_VIEW,
    });

  // --- publishing: pages, LED strip, caller display (each only when it changed)
  const publish = () => {
    if (stopped) return;
    const state = current();
    const text = JSON.stringify(state);
    if (text !== sentText) {
      sent = state;
      sentText = text;
      options.broadcast({ type: "counter", counter: state });
      events.emit("state", state);
    }
    displays.show(state);
  };
  devices.on("health", (name, health) => {
    if (health.state !== "connected") return;
    displays.forget(name);
    publish();
  });

  // --- reading the hall: catalogue (names, guides) and the callable list (session token)
  const loadCatalog = async () => {
    try {
      const catalog = CatalogDocument.parse(await hall.call("GET", "/api/catalog"));
      items = new Map(catalog.items.map((item) => [item.code, item]));
      publish();
    } catch (error) {
      log.warn({ err: error }, "catalogue not read; item names show as codes");
    }
  };
  let callableTimer: NodeJS.Timeout | undefined;
  const refreshCallable = (delayMs = 30) => {
    clearTimeout(callableTimer);
    callableTimer = setTimeout(() => void loadCallable(), delayMs);
  };
  const loadCallable = async () => {
    if (!session.info || !link.connected) return;
    try {
      const answer = CounterWaiting.parse(await session.client.call("GET", "/api/counter/waiting"));
      callable = answer.tickets;
      publish();
    } catch (error) {
      if (error instanceof HallError && (error.status === 401 || error.code === "not_signed_in"))
        session.end("session_expired");
      else {
        // A hall just back may fail a read or two: try again while the link is up, so the list never stays stale.
        log.debug({ err: error }, "callable tickets not read; trying again in a second");
        refreshCallable(1000);
      }
    }
  };

  link.on("snapshot", (raw) => {
    const parsed = HallSnapshot.safeParse(raw);
    if (!parsed.success) return log.warn("hall snapshot outside the contract; ignored");
    view = fromSnapshot(windowNumber, parsed.data, view);
    if (session.info && view.window?.staff?.employeeNo !== session.info.employeeNo) session.end("session_expired");
    refreshCallable(0);
    publish();
  });
  link.on("event", (raw) => {
    const parsed = HallEvent.safeParse(raw);
    if (!parsed.success || !view) return;
    const applied = applyEvent(windowNumber, view, parsed.data);
    view = applied.view;
    if (applied.effects.signedOut && !session.leaving) session.end(applied.effects.signedOut);
    if (applied.effects.finished)
      events.emit("serviceFinished", {
        ...applied.effects.finished,
        windowNumber,
        staff: session.info ? { employeeNo: session.info.employeeNo, name: session.info.name } : null,
      });
    if (applied.effects.started) events.emit("serviceStarted", applied.effects.started);
    if (parsed.data.type === "catalog.imported") void loadCatalog();
    if (parsed.data.type.startsWith("ticket.") || parsed.data.type.startsWith("staff.")) refreshCallable();
    publish();
  });
  session.on("ended", (why) => {
    signedOut = signOutWords[why] ?? counterReason("session_expired");
    callable = [];
  });
  session.on("changed", () => {
    if (!session.info) callable = [];
    publish();
  });

  // --- actions, one at a time
  const refusalFor = (control: CounterControl): AgentReason | undefined => {
    const pre = counterRefusal(control, { ...current(), paired: options.paired() });
    // The agent refuses at once what it knows for sure; the hall judges the rest (it may know better).
    const sure = ["not_paired", "hall_unreachable", "not_signed_in", "already_signed_in"];
    return pre && sure.includes(pre.code) ? pre : undefined;
  };
  const exclusive = async (
    control: CounterControl,
    run: (attempt: { action: string }) => Promise<ActOutcome>,
  ): Promise<ActOutcome> => {
    const refused = refusalFor(control);
    if (refused) return { ok: false, reason: refused };
    if (busy) return { ok: false, reason: counterReason("busy") };
    busy = true;
    // The action under way (a keypad plan moves through several): the refusal's words depend on it.
    const attempt = { action: control as string };
    try {
      return await run(attempt);
    } catch (error) {
      // A refused sign-in has no session to end.
      if (error instanceof HallError && error.status === 401 && control !== "signIn") session.end("session_expired");
      if (!(error instanceof HallError)) log.warn({ err: error }, "counter action failed");
      return { ok: false, reason: hallRefusal(error, attempt.action) };
    } finally {
      busy = false;
      refreshCallable();
    }
  };
  const actContext = () => {
    const state = current();
    const known = [...(state.current ? [state.current] : []), ...state.held, ...state.callable, ...state.recent];
    return { current: state.current, known };
  };
  const step = async (s: KeypadStep): Promise<ActOutcome> => {
    if (s.action !== "signOut") return performAct(session.client, s, actContext());
    await session.signOut();
    return { ok: true };
  };

  // --- caller keypad
  const onKey = async (key: caller.CallerKeyEvent) => {
    const plan = planKey(key, current(), keypad);
    if (plan.kind === "ignore") return;
    if (plan.kind === "requestRating") return ratings?.ratingRequested();
    if (plan.kind === "refuse") return displays.showOnCaller(plan.reason.words.zh);
    const at = options.now();
    if (lastKey && lastKey.kind === key.kind && at - lastKey.at < keypad.repeatGuardMs) {
      lastKey = { kind: key.kind, at };
      return displays.showOnCaller(counterReason("double_press").words.zh);
    }
    lastKey = { kind: key.kind, at };
    const first = plan.steps[0]!;
    const outcome = await exclusive(first.action, async (attempt) => {
      for (const s of plan.steps) {
        attempt.action = s.action;
        const done = await step(s);
        if (!done.ok) return done;
      }
      return { ok: true };
    });
    // Only a press that acted arms the repeat guard: a refused one (not signed in yet, say) may be pressed again at once.
    lastKey = outcome.ok ? { kind: key.kind, at: options.now() } : undefined;
    if (!outcome.ok) displays.showOnCaller(outcome.reason.words.zh);
    publish();
  };
  devices.on("key", (key) => {
    onKey(key).catch((error: unknown) => log.warn({ err: error }, "caller key not handled"));
  });

  // --- page messages
  const answer = (from: PageConnection, requestId: string, outcome: ActOutcome) =>
    from.send(
      outcome.ok
        ? { type: "actDone", requestId, ...(outcome.ticket ? { ticket: outcome.ticket } : {}) }
        : { type: "actRefused", requestId, reason: outcome.reason },
    );
  const handle = async (message: ParsedPageMessage, from: PageConnection): Promise<void> => {
    switch (message.type) {
      case "signIn": {
        const outcome = await exclusive("signIn", async () => {
          await session.signIn(message.employeeNo, message.pin);
          signedOut = null;
          return { ok: true };
        });
        return answer(from, message.requestId, outcome);
      }
      case "signOut":
        return answer(
          from,
          message.requestId,
          await exclusive("signOut", async () => (await session.signOut(), { ok: true })),
        );
      case "act":
        return answer(
          from,
          message.requestId,
          await exclusive(message.action, () => performAct(session.client, message, actContext())),
        );
      case "rate": {
        const refused = ratings
          ? ratings.answerOnScreen({
              level: message.level,
              ...(message.indicatorCodes ? { indicatorCodes: message.indicatorCodes } : {}),
              ...(message.text ? { text: message.text } : {}),
            })
          : PROMPT_NOTICES.nothing_to_rate;
        return answer(from, message.requestId, refused ? { ok: false, reason: refused } : { ok: true });
      }
      case "refresh":
        await Promise.all([loadCatalog(), loadCallable()]);
        return from.send({ type: "counter", counter: current() });
      default:
        return from.send({ type: "error", reason: reason("not_here") });
    }
  };

  return {
    events,
    state: () => sent ?? current(),
    greet(page) {
      page.send({ type: "counter", counter: current() });
    },
    handle,
    hallConnected() {
      if (items.size === 0) void loadCatalog();
      void ratings?.loadReasons();
      refreshCallable(0);
      publish();
    },
    hallDisconnected: publish,
    paired: publish,
    unpaired: publish,
    start() {
      ratingJournal = new RatingJournal(config.journalFile, options.now);
      ratings = new RatingStation({
        keypad: devices.evaluationKeypad,
        hall,
        journal: ratingJournal,
        onChange: publish,
        hallUnreachable: counterReason("hall_unreachable"),
        log: log.child({ module: "ratings" }),
        staffName: () => session.info?.name,
      });
      // The prompt follows this window's services: armed by a finish, ended by the next start.
      events.on("serviceFinished", (f) => ratings?.serviceFinished({ ticketId: f.ticket.id, number: f.ticket.number }));
      events.on("state", (state) => ratings?.currentTicket(state.current));
      // Answers an earlier run kept and never saw stored: sent now, retried until the hall has them.
      ratings.resendUnsent();
      publish();
      return Promise.resolve();
    },
    stop() {
      stopped = true;
      ratings?.close();
      ratingJournal?.close();
      clearTimeout(callableTimer);
      session.stop();
      return Promise.resolve();
    },
  };
}
