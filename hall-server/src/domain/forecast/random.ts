/**
 * Seeded randomness for the forecast and the hall-day simulator: a mulberry32 generator and the distributions
 * both need (exponential, lognormal by mean and coefficient of variation, lognormal conditioned on a minimum).
 * Pure: the same seed gives the same draws on every machine.
 */

/** Uniform draws in [0, 1), reproducible from a 32-bit seed. */
export interface Rng {
  next(): number;
}

/** A mulberry32 generator from a 32-bit seed (any number; only its low 32 bits count). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** An exponential draw with this mean (same unit as the mean); 0 for a mean ≤ 0. */
export function exponential(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  return -mean * Math.log(1 - rng.next());
}

/** A standard normal draw (Box-Muller; one of the pair is discarded to keep the generator's state simple). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Lognormal parameters: ln X ~ N(mu, sigma²). */
export interface LogNormal {
  mu: number;
  sigma: number;
}

/**
 * The lognormal with this mean (not median) and coefficient of variation (sd ÷ mean):
 * sigma² = ln(1 + cv²), mu = ln(mean) − sigma²/2. RangeError when mean ≤ 0 or cv < 0.
 */
export function logNormalOf(mean: number, cv: number): LogNormal {
  if (!(mean > 0) || !Number.isFinite(mean)) throw new RangeError(`mean must be a finite number > 0, got ${mean}`);
  if (!(cv >= 0) || !Number.isFinite(cv)) throw new RangeError(`cv must be a finite number ≥ 0, got ${cv}`);
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** The mean of a lognormal: exp(mu + sigma²/2). */
export function logNormalMean(d: LogNormal): number {
  return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
}

/** A lognormal draw. */
export function sampleLogNormal(rng: Rng, d: LogNormal): number {
  return Math.exp(d.mu + d.sigma * standardNormal(rng));
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 through erf; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Standard normal quantile for p in (0, 1) (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * What is left of a lognormal duration that has already lasted `elapsed` (same unit): a draw of X − elapsed given
 * X > elapsed, by inverting the CDF above F(elapsed). A service far beyond its distribution's tail (F ≈ 1) is
 * given a short remainder rather than none: it is still going, so it ends soon but not now.
 */
export function sampleRemaining(rng: Rng, d: LogNormal, elapsed: number): number {
  if (!(elapsed > 0)) return sampleLogNormal(rng, d);
  const from = normalCdf((Math.log(elapsed) - d.mu) / d.sigma);
  const u = from + (1 - from) * rng.next();
  if (!(u < 1 - 1e-9)) return exponential(rng, Math.min(elapsed, logNormalMean(d)) * 0.25);
  return Math.max(0, Math.exp(d.mu + d.sigma * normalQuantile(u)) - elapsed);
}
