/** Latency statistics for the benchmark: nearest-rank percentiles over raw samples (no histogram binning). */

/** Summary of a sample set. Every figure is NaN when there are no samples. */
export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The nearest-rank `p`-th percentile of samples already sorted ascending: the smallest sample with at least p% of
 * the samples at or below it. NaN for no samples; RangeError when `p` is outside 0..100 or not a number.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Count, p50, p99, max and mean of `samples` (not modified). Non-finite samples are dropped, not averaged. */
export function summarize(samples: Iterable<number>): Summary {
  const finite = Float64Array.from([...samples].filter((s) => Number.isFinite(s)));
  // Float64Array sorts numerically, and fast enough for the few hundred thousand samples a run collects.
  finite.sort();
  let sum = 0;
  for (const s of finite) sum += s;
  const n = finite.length;
  return {
    count: n,
    p50: percentile(finite, 50),
    p99: percentile(finite, 99),
    max: n === 0 ? Number.NaN : finite[n - 1]!,
    mean: n === 0 ? Number.NaN : sum / n,
  };
}
