/**
 * What the forecast learns from the hall's own history, fed one observation at a time by the service that watches
 * the hall's events (and seeds it from the store at boot): handle minutes per item, the walk from call to window,
 * the share of calls that end as no-shows and how long they keep the window, and the recent arrival rate of each
 * item and priority class. Bounded memory: the last `keep` observations of each kind.
 */
import type { PriorityClass } from "@onewindow/contract";
import type { ArrivalRate, HallModel } from "./forecastWaits.ts";
import { learnHandleTime } from "./handleTimes.ts";

/** Priors the learner starts from before the hall has data (minutes, shares). */
export interface LearnerPriors {
  /** Mean walk from call to window: half a minute, worth 10 observations. */
  walkMeanMinutes: number;
  /** No-show share: 3 %, worth 30 calls. */
  noShowShare: number;
  /** A no-show keeps the window this long before it is marked: 1 minute. */
  noShowMinutes: number;
}

/** Defaults of `LearnerPriors` (see each field). */
export const defaultLearnerPriors: Readonly<LearnerPriors> = Object.freeze({
  walkMeanMinutes: 0.5,
  noShowShare: 0.03,
  noShowMinutes: 1,
});

/** Arrival rates are counted over this many recent minutes (the hall's load changes by the hour). */
export const ARRIVAL_WINDOW_MINUTES = 30;

type ArrivalClass = Exclude<PriorityClass, "appointment">;

function pushBounded<T>(list: T[], value: T, keep: number): void {
  list.push(value);
  if (list.length > keep) list.splice(0, list.length - keep);
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Accumulates the hall's history and turns it into a `HallModel` (see the file comment). */
export class HallLearner {
  readonly #handle = new Map<number, number[]>();
  readonly #calledAt = new Map<number, number>();
  readonly #startedAt = new Map<number, { itemId: number; at: number }>();
  readonly #walks: number[] = [];
  readonly #noShowDelays: number[] = [];
  /** One entry per first call: true when it ended as a no-show. */
  readonly #callOutcomes: boolean[] = [];
  readonly #arrivals: { itemId: number; priority: ArrivalClass; at: number }[] = [];
  #firstArrivalAt: number | undefined;

  constructor(
    private readonly priors: LearnerPriors = defaultLearnerPriors,
    private readonly keep = 300,
  ) {}

  /** A finished service of `itemId` that took `minutes` from start to finish. */
  handled(itemId: number, minutes: number): void {
    let list = this.#handle.get(itemId);
    if (!list) this.#handle.set(itemId, (list = []));
    pushBounded(list, minutes, this.keep);
  }

  /** A ticket was issued (or checked in) at `at` (epoch ms). Appointment tickets are not arrivals to simulate. */
  issued(itemId: number, priority: PriorityClass, at: number): void {
    if (priority === "appointment") return;
    this.#firstArrivalAt ??= at;
    this.#arrivals.push({ itemId, priority, at });
  }

  /** A ticket's first call at `at`. */
  called(ticketId: number, at: number): void {
    this.#calledAt.set(ticketId, at);
  }

  /** Service of `itemId` began (or resumed): the walk since the call is one observation. */
  started(ticketId: number, itemId: number, at: number): void {
    const calledAt = this.#calledAt.get(ticketId);
    this.#calledAt.delete(ticketId);
    this.#startedAt.set(ticketId, { itemId, at });
    if (calledAt === undefined) return;
    pushBounded(this.#walks, (at - calledAt) / 60_000, this.keep);
    pushBounded(this.#callOutcomes, false, this.keep);
  }

  /** Service of `itemId` ended at `at` (finish, hold or transfer): the handle time since the start is one observation. */
  finished(ticketId: number, itemId: number, at: number): void {
    const started = this.#startedAt.get(ticketId);
    this.#startedAt.delete(ticketId);
    if (started !== undefined) this.handled(itemId, (at - started.at) / 60_000);
  }

  /** The called citizen never came. */
  noShow(ticketId: number, at: number): void {
    const calledAt = this.#calledAt.get(ticketId);
    this.#calledAt.delete(ticketId);
    if (calledAt === undefined) return;
    pushBounded(this.#noShowDelays, (at - calledAt) / 60_000, this.keep);
    pushBounded(this.#callOutcomes, true, this.keep);
  }

  /** Handle-time observations of an item so far (the last `keep`). */
  handleObservations(itemId: number): readonly number[] {
    return this.#handle.get(itemId) ?? [];
  }

  /**
   * A copy of what the learner has seen by `nowMs`, as plain data (what the forecast thread is sent, so that
   * fitting the model costs the hall's event loop nothing). Arrivals older than `ARRIVAL_WINDOW_MINUTES` are
   * forgotten here.
   */
  state(nowMs: number): LearnerState {
    const from = nowMs - ARRIVAL_WINDOW_MINUTES * 60_000;
    const firstRecent = this.#arrivals.findIndex((a) => a.at >= from);
    this.#arrivals.splice(0, firstRecent < 0 ? this.#arrivals.length : firstRecent);
    return {
      priors: this.priors,
      handle: new Map([...this.#handle].map(([itemId, list]) => [itemId, list.slice()])),
      running: [...this.#startedAt.values()].map((s) => ({ ...s })),
      walks: this.#walks.slice(),
      noShowDelays: this.#noShowDelays.slice(),
      callOutcomes: this.#callOutcomes.slice(),
      arrivals: this.#arrivals.map((a) => ({ ...a })),
      firstArrivalAt: this.#firstArrivalAt ?? null,
    };
  }

  /** The model at `nowMs` (see `hallModelOf`). */
  model(nowMs: number, priorMinutes: ReadonlyMap<number, number>, defaultMinutes = 10): HallModel {
    return hallModelOf(this.state(nowMs), nowMs, priorMinutes, defaultMinutes);
  }
}

/** What the learner has seen (see `HallLearner.state`): observations in the order seen, times epoch ms. */
export interface LearnerState {
  priors: LearnerPriors;
  /** itemId -> handle minutes of finished services. */
  handle: Map<number, number[]>;
  /** Services in progress: item and start. */
  running: { itemId: number; at: number }[];
  /** Minutes from call to start. */
  walks: number[];
  /** Minutes from call to no-show. */
  noShowDelays: number[];
  /** One per first call: true when it ended as a no-show. */
  callOutcomes: boolean[];
  /** Recent arrivals (walk-in classes). */
  arrivals: { itemId: number; priority: ArrivalClass; at: number }[];
  /** The first arrival ever seen, or null. */
  firstArrivalAt: number | null;
}

/**
 * The model at `nowMs` from what the learner saw: handle times from each item's prior (`priorMinutes`: the
 * catalogue's typical minutes; `defaultMinutes` when not > 0) and its observations; walk, no-shows and arrival rates
 * from the recent history. Arrival rates count the last `ARRIVAL_WINDOW_MINUTES` (or the time since the first
 * arrival seen, at least 10 minutes, early in the day). Pure.
 */
export function hallModelOf(
  state: LearnerState,
  nowMs: number,
  priorMinutes: ReadonlyMap<number, number>,
  defaultMinutes = 10,
): HallModel {
  const running = new Map<number, number[]>();
  for (const s of state.running) {
    if (s.at > nowMs) continue;
    let list = running.get(s.itemId);
    if (!list) running.set(s.itemId, (list = []));
    list.push((nowMs - s.at) / 60_000);
  }
  const handleTimes = new Map(
    [...priorMinutes].map(([itemId, minutes]) => [
      itemId,
      learnHandleTime(
        { minutes: minutes > 0 ? minutes : defaultMinutes },
        state.handle.get(itemId) ?? [],
        running.get(itemId),
      ),
    ]),
  );
  const { priors } = state;
  const walkMeanMinutes =
    (priors.walkMeanMinutes * 10 + state.walks.reduce((s, x) => s + x, 0)) / (10 + state.walks.length);
  const noShows = state.callOutcomes.filter(Boolean).length;
  const noShowShare = (priors.noShowShare * 30 + noShows) / (30 + state.callOutcomes.length);
  const noShowMinutes = state.noShowDelays.length > 0 ? mean(state.noShowDelays) : priors.noShowMinutes;

  const from = nowMs - ARRIVAL_WINDOW_MINUTES * 60_000;
  const spanMinutes = Math.max(
    10,
    Math.min(ARRIVAL_WINDOW_MINUTES, (nowMs - (state.firstArrivalAt ?? nowMs)) / 60_000),
  );
  const counts = new Map<string, ArrivalRate>();
  for (const a of state.arrivals) {
    if (a.at > nowMs || a.at < from) continue;
    const key = `${a.itemId}:${a.priority}`;
    const rate = counts.get(key) ?? { itemId: a.itemId, priority: a.priority, perMinute: 0, observed: 0 };
    rate.perMinute += 1 / spanMinutes;
    rate.observed! += 1;
    counts.set(key, rate);
  }
  return {
    handleTimes,
    defaultHandleTime: learnHandleTime({ minutes: defaultMinutes }, []),
    walkMeanMinutes,
    noShowShare,
    noShowMinutes,
    arrivals: [...counts.values()],
  };
}
