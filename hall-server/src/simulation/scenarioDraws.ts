/**
 * A scenario's rules of chance and of breaks (../shared/scenarios/README.md), in one place for the two that follow
 * them: the hall-day simulator (hallDay.ts), which draws the day, and the oracle (oracle.ts), which draws the day's
 * possible futures from a moment of it. Times are minutes from opening; every draw takes the generator it consumes.
 */
import { exponential, logNormalOf, sampleLogNormal, sampleRemaining, type Rng } from "../domain/index.ts";
import type { Scenario } from "./scenario.ts";

type ScenarioItem = Scenario["items"][number];

/** Arrivals per minute during hour `hour` (0 = the opening hour): `hourlyArrivals[hour] × load ÷ 60`. */
export function arrivalsPerMinute(s: Scenario, hour: number): number {
  const list = s.hourlyArrivals;
  const perHour = hour < list.length ? list[hour]! : s.repeatHourlyArrivals ? list[hour % list.length]! : 0;
  return (perHour * s.load) / 60;
}

/**
 * The next arrival after `fromMinute` (minutes), or Infinity when none comes before `issueUntil`. Poisson within each
 * hour at that hour's rate: a gap that crosses the hour's end is dropped and the next hour draws afresh from its
 * start (memoryless, so this is the same process as one inhomogeneous Poisson stream).
 */
export function nextArrivalMinute(rng: Rng, s: Scenario, fromMinute: number): number {
  for (let t = fromMinute; t < s.issueUntil;) {
    const hour = Math.floor(t / 60);
    const end = Math.min((hour + 1) * 60, s.issueUntil);
    const rate = arrivalsPerMinute(s, hour);
    if (rate > 0) {
      const next = t + exponential(rng, 1 / rate);
      if (next < end) return next;
    }
    t = end;
  }
  return Infinity;
}

/** An arrival's item: each with chance share ÷ the sum of shares (one draw). */
export function pickItem(rng: Rng, s: Scenario): ScenarioItem {
  let total = 0;
  for (const item of s.items) total += item.share;
  let u = rng.next() * total;
  return s.items.find((i) => (u -= i.share) < 0) ?? s.items.at(-1)!;
}

/** An arrival's item and class: the item by share, then elderly with `elderlyShare` (two draws). */
export function drawArrival(rng: Rng, s: Scenario): { item: ScenarioItem; priority: "normal" | "elderly" } {
  const item = pickItem(rng, s);
  return { item, priority: rng.next() < s.elderlyShare ? "elderly" : "normal" };
}

/** A handle time of `item`, minutes: exponential with its mean, or lognormal with its mean and cv. */
export function handleMinutes(rng: Rng, item: ScenarioItem): number {
  return item.distribution === "exponential"
    ? exponential(rng, item.meanMinutes)
    : sampleLogNormal(rng, logNormalOf(item.meanMinutes, item.cv));
}

/** What is left of a handle time of `item` that has lasted `elapsed` minutes (exponential: a fresh draw). */
export function remainingHandleMinutes(rng: Rng, item: ScenarioItem, elapsed: number): number {
  return item.distribution === "exponential"
    ? exponential(rng, item.meanMinutes)
    : sampleRemaining(rng, logNormalOf(item.meanMinutes, item.cv), elapsed);
}

/** What follows a call: the citizen never comes (the window waits `noShowMinutes`), or walks and is served. */
export type CallOutcome = { noShow: true } | { noShow: false; walkMinutes: number; handleMinutes: number };

/** Draw a call's outcome for `item`: no-show with `noShowShare`, else an exponential walk, then the handle time. */
export function drawCall(rng: Rng, s: Scenario, item: ScenarioItem): CallOutcome {
  if (rng.next() < s.noShowShare) return { noShow: true };
  const walkMinutes = exponential(rng, s.walkMeanMinutes);
  return { noShow: false, walkMinutes, handleMinutes: handleMinutes(rng, item) };
}

/**
 * The break rule for a window that is free at `nowMinute`: breaks that have already ended are dropped from the front
 * of `breaks` (not begun yet, sorted by start; modified), and a break that has started is taken out and returned (the
 * window pauses until its end); undefined = no break due, the window calls.
 */
export function takeDueBreak<B extends readonly [number, number]>(breaks: B[], nowMinute: number): B | undefined {
  while (breaks.length > 0 && breaks[0]![1] <= nowMinute) breaks.shift();
  return breaks.length > 0 && breaks[0]![0] <= nowMinute ? breaks.shift() : undefined;
}
