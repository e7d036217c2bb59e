/**
 * # Erlang C: the M/M/c queue (Poisson arrivals, exponential handle times, c identical servers, one FIFO queue)
 *
 * Units: arrival rates per minute, handle (service) times and waits in minutes. The offered load a = λ × s is in
 * erlangs (the mean number of busy servers); the utilisation is ρ = a / c. The queue is stable only while a < c;
 * at a ≥ c the queue grows without end, which every function here reports as such (wait probability 1, mean wait
 * Infinity, `stable: false`) instead of a misleading finite number.
 *
 * Formulas (Kleinrock, *Queueing Systems* Vol. 1, 1975, §3.5 "M/M/m: the m-server case", the Erlang C formula;
 * Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed., §2.3 "M/M/c"):
 * - probability of waiting  C(c, a) = B(c, a) / (1 − ρ (1 − B(c, a))), where B is Erlang B (the loss formula);
 * - mean wait in queue      Wq = C × s / (c − a);
 * - service level           P(W ≤ t) = 1 − C × exp(−(c − a) t / s).
 * B comes from the recursion B(0, a) = 1, B(k, a) = a B(k−1, a) / (k + a B(k−1, a)) (Jagerman, "Some properties of
 * the Erlang loss function", Bell System Technical Journal 53(3), 1974): every step stays in [0, 1], so it is
 * stable for thousands of servers, where the textbook sum of a^k / k! overflows.
 */

/** An M/M/c queue. */
export interface MmcQueue {
  /** λ: arrivals per minute, finite ≥ 0. */
  arrivalsPerMinute: number;
  /** s = 1/μ: mean handle minutes of one ticket, finite > 0. */
  handleMinutes: number;
  /** c: servers, an integer ≥ 0. */
  servers: number;
}

/** What Erlang C says about one M/M/c queue. */
export interface ErlangCResult {
  /** a = λ s, erlangs: how many servers are busy on average when the queue is stable. */
  offeredLoad: number;
  /** ρ = a / c, 0..1 when stable; ≥ 1 (or Infinity with no servers) when not. 0 when nobody arrives. */
  utilisation: number;
  /** False when a ≥ c: the queue grows without end, so there is no steady-state wait. */
  stable: boolean;
  /** C(c, a): the probability that an arriving ticket waits at all (1 when unstable). */
  waitProbability: number;
  /** Wq, minutes: the mean wait before service, over all tickets (Infinity when unstable). */
  meanWaitMinutes: number;
}

function checkQueue(q: MmcQueue): void {
  if (!Number.isFinite(q.arrivalsPerMinute) || q.arrivalsPerMinute < 0)
    throw new RangeError(`arrivalsPerMinute must be a finite number ≥ 0, got ${q.arrivalsPerMinute}`);
  if (!Number.isFinite(q.handleMinutes) || q.handleMinutes <= 0)
    throw new RangeError(`handleMinutes must be a finite number > 0, got ${q.handleMinutes}`);
  if (!Number.isInteger(q.servers) || q.servers < 0)
    throw new RangeError(`servers must be an integer ≥ 0, got ${q.servers}`);
}

/**
 * Erlang B, B(c, a): the share of arrivals an M/M/c/c system (no queue) would turn away. `servers` an integer ≥ 0,
 * `offeredLoad` (erlangs) finite ≥ 0; RangeError otherwise. B(0, a) = 1; B(c, 0) = 0 for c ≥ 1.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be an integer ≥ 0, got ${servers}`);
  if (!Number.isFinite(offeredLoad) || offeredLoad < 0)
    throw new RangeError(`offeredLoad must be a finite number ≥ 0, got ${offeredLoad}`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Whether load a saturates c servers. The relative slack absorbs float noise: a load that is c up to rounding
 * (0.6/min × 20/3 min on 4 servers) is saturated, not "stable" with a wait of 10^16 minutes.
 */
const saturated = (a: number, servers: number): boolean => servers - a <= 1e-9 * Math.max(1, a);

/** C from B at c servers and load a (a < c). */
const waitProbabilityOf = (b: number, servers: number, a: number): number => b / (1 - (a / servers) * (1 - b));

function resultOf(b: number, servers: number, a: number, handleMinutes: number): ErlangCResult {
  if (a === 0) return { offeredLoad: 0, utilisation: 0, stable: true, waitProbability: 0, meanWaitMinutes: 0 };
  const utilisation = servers === 0 ? Number.POSITIVE_INFINITY : a / servers;
  if (saturated(a, servers))
    return {
      offeredLoad: a,
      utilisation,
      stable: false,
      waitProbability: 1,
      meanWaitMinutes: Number.POSITIVE_INFINITY,
    };
  const waitProbability = waitProbabilityOf(b, servers, a);
  return {
    offeredLoad: a,
    utilisation,
    stable: true,
    waitProbability,
    meanWaitMinutes: (waitProbability * handleMinutes) / (servers - a),
  };
}

/**
 * Erlang C for one M/M/c queue: wait probability and mean wait (see `ErlangCResult`; unstable queues are reported,
 * not approximated). Nobody arriving means nobody waits, even with no servers. Throws RangeError on a rate or count
 * outside the ranges `MmcQueue` states.
 */
export function erlangC(q: MmcQueue): ErlangCResult {
  checkQueue(q);
  const a = q.arrivalsPerMinute * q.handleMinutes;
  return resultOf(erlangB(q.servers, a), q.servers, a, q.handleMinutes);
}

/**
 * Service level: the probability that a ticket waits at most `withinMinutes` (finite ≥ 0) before service,
 * P(W ≤ t) = 1 − C e^{−(c − a) t / s}. 0 for an unstable queue (every wait grows without end). RangeError on bad input.
 */
export function serviceLevel(q: MmcQueue, withinMinutes: number): number {
  if (!Number.isFinite(withinMinutes) || withinMinutes < 0)
    throw new RangeError(`withinMinutes must be a finite number ≥ 0, got ${withinMinutes}`);
  const r = erlangC(q);
  if (!r.stable) return 0;
  return 1 - r.waitProbability * Math.exp((-(q.servers - r.offeredLoad) * withinMinutes) / q.handleMinutes);
}

/** What a staffing target asks of a queue: a mean wait, optionally also a service level. */
export interface WaitTarget {
  /** The mean wait (Wq, minutes) must not exceed this; finite ≥ 0. */
  meanWaitMinutes: number;
  /** Optional: at least `share` (0..1) of tickets wait at most `withinMinutes`. */
  serviceLevel?: { withinMinutes: number; share: number };
}

/** Upper limit of the server search: no hall has more windows than this. */
export const MAX_SERVERS = 10_000;

/**
 * The smallest number of servers c (0 ≤ c ≤ `maxServers`) for which the queue is stable and meets `target`, with
 * what Erlang C says at that c; null when even `maxServers` do not meet it. Zero arrivals need 0 servers. One pass
 * of the Erlang B recursion, so the cost is O(c). Throws RangeError on a bad rate, handle time or target.
 */
export function serversForTarget(
  rates: Omit<MmcQueue, "servers">,
  target: WaitTarget,
  maxServers = MAX_SERVERS,
): { servers: number; result: ErlangCResult } | null {
  checkQueue({ ...rates, servers: 0 });
  if (!Number.isFinite(target.meanWaitMinutes) || target.meanWaitMinutes < 0)
    throw new RangeError(`target meanWaitMinutes must be a finite number ≥ 0, got ${target.meanWaitMinutes}`);
  const level = target.serviceLevel;
  if (
    level &&
    !(Number.isFinite(level.withinMinutes) && level.withinMinutes >= 0 && level.share >= 0 && level.share <= 1)
  )
    throw new RangeError(`target serviceLevel needs withinMinutes ≥ 0 and share in 0..1, got ${JSON.stringify(level)}`);
  const s = rates.handleMinutes;
  const a = rates.arrivalsPerMinute * s;
  let b = 1;
  for (let c = 0; c <= maxServers; c++) {
    if (c > 0) b = (a * b) / (c + a * b);
    const result = resultOf(b, c, a, s);
    if (!result.stable || result.meanWaitMinutes > target.meanWaitMinutes) continue;
    if (level && result.offeredLoad > 0) {
      const within = 1 - result.waitProbability * Math.exp((-(c - a) * level.withinMinutes) / s);
      if (within < level.share) continue;
    }
    return { servers: c, result };
  }
  return null;
}
