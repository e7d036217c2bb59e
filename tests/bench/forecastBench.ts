/**
 * The wait forecast in the benchmark (issue 13):
 *
 *   5. accuracy: hall-day scenarios simulated through the real services (hall-server/src/simulation), the forecast as
 *      issued scored against the waits people had, beside the oracle's (hall-server/src/simulation/oracle.ts: the
 *      best any forecaster can do, knowing all but the draws to come) and the old estimate's on the same tickets; on
 *      M/M/c, the simulated mean wait's 95% CI beside Erlang C's Wq, and the forecast's error beside the exact
 *      conditional mean
 *   6. recompute time of a full hall (500 waiting, 30 windows), as the live forecaster sizes its runs
 *
 * The accuracy runs use a fixed number of Monte Carlo runs per forecast (`ACCURACY_RUNS`), fewer than the live
 * forecaster's up to 400 on an ordinary queue, to fit the bench's ~5 minute budget; the oracle's `ORACLE_RUNS` per
 * ticket are enough for its figures (on the realistic day its MAE was 40.8% at 200 runs, 41.0% at 1,000).
 */
import { join } from "node:path";
import {
  createRng,
  defaultCallPolicy,
  erlangC,
  expectedWaitMinutes,
  forecastWaits,
  HallLearner,
  type ForecastInput,
  type ForecastWindow,
  type WaitingTicket,
} from "../../hall-server/src/domain/index.ts";
import { defaultForecastOptions, forecastRuns } from "../../hall-server/src/services/waitForecast.ts";
import {
  meanWithCi,
  scoreEstimate,
  seedMeanWait,
  type AccuracyFigures,
} from "../../hall-server/src/simulation/accuracy.ts";
import { simulateHallDay, type TicketRecord } from "../../hall-server/src/simulation/hallDay.ts";
import { scenarioSeeds, type Scenario } from "../../hall-server/src/simulation/scenario.ts";
import { summarize, type Summary } from "./stats.ts";

/** Monte Carlo runs per forecast in the accuracy runs. */
export const ACCURACY_RUNS = 100;
/** Simulated futures per ticket of the oracle in the accuracy runs. */
export const ORACLE_RUNS = 200;

const here = import.meta.dirname;
/** The scenarios scored: the two shared ones, and a generated day the model was never looked at on. */
export const accuracyScenarios = [
  { key: "realistic", path: join(here, "../../../shared/scenarios/realistic-day.json") },
  { key: "mmc", path: join(here, "../../../shared/scenarios/mmc-day.json") },
  { key: "county", path: join(here, "../../hall-server/src/simulation/scenarios/county-day.json") },
] as const;

/** The M/M/c check of a scenario that states its Erlang C queue. */
export interface MmcCheck {
  seeds: number;
  meanWait: number;
  halfWidth: number;
  erlangWq: number;
  /** MAE % of the exact conditional mean (people ahead + 1) ÷ (c·μ) over the same scored tickets. */
  exact: AccuracyFigures;
}

/** One scenario's figures. */
export interface AccuracyResult {
  key: string;
  name: string;
  seedsScored: number;
  forecast: AccuracyFigures;
  /** The oracle's mean and P10-P90 on the same tickets: the floor of what any forecaster can score. */
  oracle: AccuracyFigures;
  /** Simulated futures per ticket behind `oracle`. */
  oracleRuns: number;
  old: AccuracyFigures;
  mmc?: MmcCheck;
  seconds: number;
}

/** Simulate `scenario`'s seeds (the first `forecastScoredCount` with the forecast and the oracle) and score them. */
export async function runAccuracy(
  key: string,
  scenario: Scenario,
  progress: (text: string) => void = () => {},
  runs = ACCURACY_RUNS,
  oracleRuns = ORACLE_RUNS,
): Promise<AccuracyResult> {
  const started = performance.now();
  const { seeds, forecastScored } = scenarioSeeds(scenario);
  const scored: TicketRecord[] = [];
  const seedMeans: number[] = [];
  for (const [i, seed] of seeds.entries()) {
    if (i % 20 === 0) progress(`${key}: seed ${i + 1}/${seeds.length}`);
    const day = await simulateHallDay(scenario, {
      seed,
      forecast: i < forecastScored,
      forecastOptions: { minRuns: runs, maxRuns: runs },
      ...(i < forecastScored ? { oracleRuns } : {}),
    });
    if (i < forecastScored) scored.push(...day.tickets);
    seedMeans.push(seedMeanWait(day.tickets, scenario.warmupMinutes));
  }
  const min = scenario.scoreMinWaitMinutes;
  const forecast = scoreEstimate(scored, min, (t) => t.told && { point: t.told.meanMinutes, high: t.told.highMinutes });
  // Only the tickets the forecast told too (all arrivals of the scored seeds have both): the same tickets.
  const oracle = scoreEstimate(
    scored,
    min,
    (t) => t.told && t.oracle && { point: t.oracle.meanMinutes, high: t.oracle.highMinutes },
  );
  const old = scoreEstimate(
    scored,
    min,
    (t) => t.told && { point: t.told.baselineMinutes, high: t.told.baselineMinutes },
  );
  let mmc: MmcCheck | undefined;
  if (scenario.erlangC) {
    const { servers, arrivalsPerMinute, meanServiceMinutes } = scenario.erlangC;
    const ci = meanWithCi(seedMeans);
    const exactOf = (t: TicketRecord) =>
      t.told!.windowFree ? 0 : (t.told!.peopleAhead + 1) * (meanServiceMinutes / servers);
    mmc = {
      seeds: ci.n,
      meanWait: ci.mean,
      halfWidth: ci.halfWidth,
      erlangWq: erlangC({ arrivalsPerMinute, handleMinutes: meanServiceMinutes, servers }).meanWaitMinutes,
      exact: scoreEstimate(scored, min, (t) => t.told && { point: exactOf(t), high: exactOf(t) }),
    };
  }
  return {
    key,
    name: scenario.name,
    seedsScored: forecastScored,
    forecast,
    oracle,
    oracleRuns,
    old,
    mmc,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Recompute times of a full hall, and what the old estimate costs for the same tickets. */
export interface RecomputeResult {
  waiting: number;
  windows: number;
  runs: number;
  /** The first recomputes after start, in order (ms): V8 compiles the simulation's hot loop while they run. */
  warmupMs: number[];
  /** The recomputes after those: the live worker's steady state. */
  ms: Summary;
  oldMs: Summary;
}

/**
 * A full hall as the live forecaster sees it: `waiting` tickets over 20 items (a tenth elderly), `windows` busy
 * windows with three skills each, learned handle times of 6-25 minutes, arrivals at about the hall's capacity.
 */
export function fullHallInput(
  waiting = 500,
  windows = 30,
  nowMs = Date.parse("2026-03-10T10:00:00+08:00"),
): ForecastInput {
  const items = 20;
  const rng = createRng(42);
  const learner = new HallLearner();
  const priors = new Map(Array.from({ length: items }, (_, i) => [i + 1, 6 + (i % 10) * 2] as [number, number]));
  for (const [itemId, minutes] of priors)
    for (let k = 0; k < 50; k++) learner.handled(itemId, minutes * (0.5 + rng.next()));
  for (let k = 0; k < 90; k++)
    learner.issued((k % items) + 1, k % 10 === 0 ? "elderly" : "normal", nowMs - (90 - k) * 20_000);
  const tickets: WaitingTicket[] = Array.from({ length: waiting }, (_, i) => ({
    id: i + 1,
    itemId: (i % items) + 1,
    priority: i % 10 === 0 ? "elderly" : "normal",
    arrivedAt: nowMs - (waiting - i) * 6_000,
  }));
  const open: ForecastWindow[] = Array.from({ length: windows }, (_, i) => ({
    windowId: i + 1,
    staffId: i + 1,
    priorityStreak: i % 3,
    eligibleItems: new Map([
      [(i % items) + 1, 5],
      [((i + 7) % items) + 1, 3],
      [((i + 13) % items) + 1, 1],
    ]),
    busy: { itemId: (i % items) + 1, phase: "serving", sinceMs: nowMs - (i % 7) * 60_000 },
  }));
  const probes = [...priors.keys()].flatMap((itemId) =>
    (["normal", "elderly", "green"] as const).map((priority) => ({ itemId, priority })),
  );
  return {
    nowMs,
    waiting: tickets,
    windows: open,
    model: learner.model(nowMs, priors),
    policy: defaultCallPolicy,
    probes,
    runs: forecastRuns(defaultForecastOptions, waiting, probes.length, windows),
    seed: 7,
  };
}

/**
 * Time `warmup` recomputes of the full hall, then `iterations` more, each with a new seed. The live worker lives as
 * long as the hall-server and recomputes at most once a second, so its steady state is what a hall sees all day; the
 * first ~15 recomputes here take 3-10× longer while V8 optimises the loop (measured), reported apart.
 */
export function runRecomputeBench(iterations = 100, warmup = 30): RecomputeResult {
  const input = fullHallInput();
  const warmupMs: number[] = [];
  const samples: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    forecastWaits({ ...input, seed: i });
    (i < warmup ? warmupMs : samples).push(performance.now() - t0);
  }
  // The old estimate for the same tickets: people ahead × handle estimate ÷ qualified staff, per ticket.
  const oldSamples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const list = [...input.waiting];
    for (const [k] of list.entries())
      expectedWaitMinutes({ peopleAhead: Math.floor(k / 20), qualifiedStaff: 3, handleMinutes: 10 });
    oldSamples.push(performance.now() - t0);
  }
  return {
    waiting: [...input.waiting].length,
    windows: input.windows.length,
    runs: input.runs,
    warmupMs,
    ms: summarize(samples),
    oldMs: summarize(oldSamples),
  };
}
