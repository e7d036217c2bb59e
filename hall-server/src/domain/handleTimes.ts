/**
 * The mean handle time of one item from the hall's own history: robust to the outliers a hall produces (a ticket left
 * open over lunch, start and finish pressed together), pulled toward the catalogue's typical minutes while the
 * history is short.
 *
 *   observed minutes --(sane range 0.1 min .. 8 h)--> logs --(drop |log − median| > 3.5 robust σ)--> mean
 *     --(shrink toward the catalogue's typical minutes with PRIOR_WEIGHT pseudo-observations)--> estimate
 *
 * Why logs: handle times are skewed (close to lognormal), so outliers are judged on a log scale where the body of the
 * data is symmetric; the mean itself is then taken on minutes, because Erlang C and queue work need the mean, not the
 * median (for a lognormal the median is smaller than the mean).
 */
import { MAX_OBSERVED_MINUTES, MIN_OBSERVED_MINUTES } from "./eta.ts";

/** How many observations the catalogue's typical minutes are worth: 5 services move the estimate halfway. */
export const PRIOR_WEIGHT = 5;
/** Observations further than this many robust standard deviations (of the logs) from the median are outliers. */
export const OUTLIER_SIGMAS = 3.5;
/** The smallest spread (σ of the logs) outliers are judged by: a cut never closer than a factor ≈ 5.8. */
export const MIN_LOG_SIGMA = 0.5;
/** Below this many sane observations no outlier is dropped: the spread cannot be judged yet. */
export const MIN_FOR_TRIMMING = 5;
// 1.4826 × MAD estimates σ for normal data (Rousseeuw & Croux, JASA 88(424), 1993).
const MAD_TO_SIGMA = 1.4826;

/** A handle-time estimate and what it rests on. */
export interface HandleTimeEstimate {
  /** Mean minutes of one service, > 0. */
  minutes: number;
  /** Observations used (after the sane range and the outlier cut). */
  observations: number;
  /** Observations dropped: outside 0.1 min .. 8 h, or outliers. */
  dropped: number;
}

const median = (sorted: readonly number[]): number => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Estimate the mean handle minutes of an item from `observedMinutes` (any order; non-finite and absurd values are
 * dropped) and the catalogue's `typicalMinutes` (finite > 0; RangeError otherwise). With no usable observation the
 * estimate is the typical minutes; with many it is the (outlier-trimmed) mean of the observations.
 */
export function estimateHandleMinutes(observedMinutes: readonly number[], typicalMinutes: number): HandleTimeEstimate {
  if (!Number.isFinite(typicalMinutes) || typicalMinutes <= 0)
    throw new RangeError(`typicalMinutes must be a finite number > 0, got ${typicalMinutes}`);
  const sane = observedMinutes.filter(
    (m) => Number.isFinite(m) && m >= MIN_OBSERVED_MINUTES && m <= MAX_OBSERVED_MINUTES,
  );
  let kept = sane;
  if (sane.length >= MIN_FOR_TRIMMING) {
    const logs = sane.map(Math.log).sort((x, y) => x - y);
    const mid = median(logs);
    const sigma = MAD_TO_SIGMA * median(logs.map((l) => Math.abs(l - mid)).sort((x, y) => x - y));
    // A tiny MAD (most services took about the same time) would cut the honest long tail of a skewed service: the
    // cut never comes closer to the median than a factor e^(3.5 × 0.5) ≈ 5.8.
    const limit = OUTLIER_SIGMAS * Math.max(sigma, MIN_LOG_SIGMA);
    kept = sane.filter((m) => Math.abs(Math.log(m) - mid) <= limit);
  }
  const sum = kept.reduce((s, m) => s + m, 0);
  return {
    minutes: (PRIOR_WEIGHT * typicalMinutes + sum) / (PRIOR_WEIGHT + kept.length),
    observations: kept.length,
    dropped: observedMinutes.length - kept.length,
  };
}
