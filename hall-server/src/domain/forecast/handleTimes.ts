/**
 * Per-item handle-time distributions learned from the hall's own history, starting from the catalogue's typical
 * minutes. The model is a lognormal fitted by its mean and coefficient of variation, because the queue's waits
 * depend first on the mean service time, and a median-based fit would misplace the mean of skewed data (an
 * exponential's lognormal median fit overstates its mean by about a third).
 *
 * Robustness: observations outside the sane range (`MIN_OBSERVED_MINUTES` .. `MAX_OBSERVED_MINUTES`: mis-clicks,
 * tickets left open over a break) are dropped, and the rest are winsorised in log space at the median ± 3 robust
 * standard deviations (1.4826 × MAD), so one forgotten ticket cannot move the mean far. The catalogue's typical
 * minutes act as `priorWeight` pseudo-observations, so a new item starts from them and the hall's data take over
 * after a few dozen services.
 *
 * Censoring: services still in progress are long ones not yet observed (early in the day only the short ones have
 * finished, so finished services alone understate the mean). Each in-progress service that has lasted `e` minutes
 * counts as its expected length given that it has lasted that long, E[X | X > e] under the model fitted to the
 * finished ones (one EM step), at most e + the mean.
 */
import { MAX_OBSERVED_MINUTES, MIN_OBSERVED_MINUTES } from "../eta.ts";
import { logNormalOf, normalCdf, sampleLogNormal, sampleRemaining, type LogNormal, type Rng } from "./random.ts";

/**
 * A learned handle-time distribution of one item: the mixture of the prior lognormal (weight `priorWeight`) and the
 * hall's observations (weight 1 each, winsorised; `pool`), which is what the forecast draws from, so no family is
 * forced on the data (an exponential item keeps its memoryless remainders). `mu`/`sigma`/`meanMinutes`/`cv` summarise
 * the same mixture as one lognormal with its mean and cv.
 */
export interface HandleTimeModel extends LogNormal {
  /** Mean handle minutes of the model. */
  meanMinutes: number;
  /** Coefficient of variation (sd ÷ mean) of the model. */
  cv: number;
  /** Sane observations that went into it. */
  observations: number;
  /**
   * Relative standard error of the mean, cv ÷ √(observations + priorWeight): how unsure the model is of its own
   * mean. The forecast draws one scale per item and run from it, so its range covers not knowing the mean exactly.
   */
  meanUncertainty: number;
  /** The prior's lognormal (catalogue minutes, prior cv). */
  prior: LogNormal;
  priorWeight: number;
  /** Winsorised observations (plus in-progress services' expected lengths), ascending: what new services draw. */
  pool: Float64Array;
  /**
   * Winsorised finished observations only, ascending: what a service in progress draws its remainder from (its own
   * expected length, imputed into `pool`, must not decide its own remainder).
   */
  finished: Float64Array;
}

/** A handle-time draw (minutes) from the model's mixture. */
export function sampleHandle(rng: Rng, d: HandleTimeModel): number {
  const n = d.pool.length;
  const pick = rng.next() * (n + d.priorWeight);
  return pick < n ? d.pool[Math.floor(pick)]! : sampleLogNormal(rng, d.prior);
}

/** First index of `pool` holding a value > e. */
function firstBeyond(pool: Float64Array, e: number): number {
  let lo = 0;
  let hi = pool.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pool[mid]! <= e) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What is left (minutes) of a service that has lasted `elapsed` minutes, drawn from the mixture given X > elapsed:
 * the prior's part weighs priorWeight × P_prior(X > elapsed), each observation beyond `elapsed` weighs 1.
 */
export function sampleHandleRemaining(rng: Rng, d: HandleTimeModel, elapsed: number): number {
  if (!(elapsed > 0)) return sampleHandle(rng, d);
  const from = firstBeyond(d.finished, elapsed);
  const beyond = d.finished.length - from;
  const priorPart = d.priorWeight * (1 - normalCdf((Math.log(elapsed) - d.prior.mu) / d.prior.sigma));
  const pick = rng.next() * (beyond + priorPart);
  if (pick < beyond) return d.finished[from + Math.floor(pick)]! - elapsed;
  return sampleRemaining(rng, d.prior, elapsed);
}

/** How much the prior counts and what spread it assumes. */
export interface HandleTimePrior {
  /** The catalogue's typical minutes for the item (> 0). */
  minutes: number;
  /** Pseudo-observations the prior is worth. Default 8. */
  weight?: number;
  /** Coefficient of variation assumed before data: 0.7 (service times of counter work are right-skewed). */
  cv?: number;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** E[X | X > e] of a lognormal X: mean × (1 − Φ(z − σ)) ÷ (1 − Φ(z)), z = (ln e − mu)/σ. */
export function logNormalMeanBeyond(d: LogNormal, e: number): number {
  const mean = Math.exp(d.mu + (d.sigma * d.sigma) / 2);
  if (!(e > 0) || !(d.sigma > 0)) return Math.max(mean, e);
  const z = (Math.log(e) - d.mu) / d.sigma;
  const tail = 1 - normalCdf(z);
  // Far in the tail the ratio is 0/0 numerically: the service is then expected to end soon after e.
  if (tail < 1e-9) return e * 1.05;
  return Math.max(e, (mean * (1 - normalCdf(z - d.sigma))) / tail);
}

/**
 * The handle-time model of an item from its prior, the handle minutes of finished services (any order; not
 * modified), and the minutes so far of services still in progress (see the file comment). RangeError when the
 * prior's minutes are not a finite number > 0.
 */
export function learnHandleTime(
  prior: HandleTimePrior,
  observedMinutes: readonly number[],
  inProgressMinutes: readonly number[] = [],
): HandleTimeModel {
  const finished = fitHandleTime(prior, observedMinutes);
  const running = inProgressMinutes.filter((e) => e >= MIN_OBSERVED_MINUTES && e <= MAX_OBSERVED_MINUTES);
  if (running.length === 0) return finished;
  // At most another mean service beyond what it has lasted: a lognormal fitted to few data has a heavy tail that
  // would make a long service in progress look endless (memoryless services are expected to last exactly that).
  const expected = (e: number) => Math.min(logNormalMeanBeyond(finished, e), e + finished.meanMinutes);
  const all = fitHandleTime(prior, [...observedMinutes, ...running.map(expected)]);
  return { ...all, observations: finished.observations, finished: finished.pool };
}

function fitHandleTime(prior: HandleTimePrior, observedMinutes: readonly number[]): HandleTimeModel {
  if (!(prior.minutes > 0) || !Number.isFinite(prior.minutes))
    throw new RangeError(`prior minutes must be a finite number > 0, got ${prior.minutes}`);
  const weight = prior.weight ?? 8;
  const priorCv = prior.cv ?? 0.7;
  const logs = observedMinutes
    .filter((m) => Number.isFinite(m) && m >= MIN_OBSERVED_MINUTES && m <= MAX_OBSERVED_MINUTES)
    .map(Math.log)
    .sort((a, b) => a - b);
  const n = logs.length;
  let mean = prior.minutes;
  let cv = priorCv;
  const pool = new Float64Array(n);
  if (n > 0) {
    const m = median(logs);
    const mad = median(logs.map((x) => Math.abs(x - m)).sort((a, b) => a - b));
    const spread = 3 * 1.4826 * mad;
    // With no spread (identical observations) nothing is an outlier.
    const lo = spread > 0 ? m - spread : -Infinity;
    const hi = spread > 0 ? m + spread : Infinity;
    let sum = 0;
    let sumSq = 0;
    for (const [i, x] of logs.entries()) {
      const v = Math.exp(Math.min(hi, Math.max(lo, x)));
      pool[i] = v;
      sum += v;
      sumSq += v * v;
    }
    const dataMean = sum / n;
    const dataVar = n > 1 ? Math.max(0, (sumSq - n * dataMean * dataMean) / (n - 1)) : 0;
    // Shrink both moments toward the prior: second moments combine as pseudo-observations too.
    mean = (weight * prior.minutes + n * dataMean) / (weight + n);
    const priorVar = (priorCv * prior.minutes) ** 2;
    const dataWeight = n > 1 ? n : 0;
    const variance = (weight * priorVar + dataWeight * dataVar) / (weight + dataWeight);
    cv = Math.sqrt(variance) / mean;
  }
  return {
    ...logNormalOf(mean, cv),
    meanMinutes: mean,
    cv,
    observations: n,
    meanUncertainty: cv / Math.sqrt(n + weight),
    prior: logNormalOf(prior.minutes, priorCv),
    priorWeight: weight,
    pool,
    finished: pool,
  };
}
