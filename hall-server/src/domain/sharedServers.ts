/**
 * How the staff signed in split their time between item groups, so each group can be treated as its own queue.
 *
 * A staff member is one server, whatever their skills. One qualified for a single group gives it all their time; one
 * qualified for several gives each a share, the shares adding up to 1. The shares are chosen so that the groups a
 * person serves end up equally busy per server (offered load ÷ servers), as far as the dedicated staff allow: the
 * call policy calls the longest wait first, which moves a shared person toward the busier group in the same way. A
 * group nobody needs (no arrivals) gets no share of a shared person; a group only shared people serve gets as much
 * as keeps it level with the others.
 *
 * The split is the fixed point of a multiplicative update (each share scaled by its group's load per server, then the
 * person's shares renormalised): at the fixed point every group a person serves with a positive share has the same
 * load per server. `SPLIT_ROUNDS` rounds are run (see there for the accuracy).
 */

/** One server: a window with its signed-in staff member, and the groups they may serve there. */
export interface GroupServer {
  windowNumber: number;
  /** Group codes this staff member may serve at this window (skills ∩ the window's allowed items). */
  groups: readonly string[];
}

/**
 * Rounds of the multiplicative update. Where a shared person ends up giving a group nothing the update approaches
 * that edge slowly (about 1/rounds); 1,000 rounds bring it within a thousandth of a window, in about a millisecond for
 * a 30-window hall.
 */
export const SPLIT_ROUNDS = 1000;

/**
 * Each server's share of its time per group: windowNumber -> group code -> share (0..1, summing to 1 per server with
 * any group). `offeredLoad` maps group code -> erlangs (arrivals per minute × handle minutes, finite ≥ 0; a group
 * missing from it counts as 0). RangeError on a negative or non-finite load.
 */
export function splitServers(
  servers: readonly GroupServer[],
  offeredLoad: ReadonlyMap<string, number>,
): Map<number, Map<string, number>> {
  for (const [code, a] of offeredLoad)
    if (!Number.isFinite(a) || a < 0)
      throw new RangeError(`offered load of group ${code} must be finite ≥ 0, got ${a}`);
  const load = (g: string): number => offeredLoad.get(g) ?? 0;
  const shares = new Map<number, Map<string, number>>();
  // People with more than one loaded group: only their shares move (the others' shares are fixed).
  const shared: Map<string, number>[] = [];
  for (const s of servers) {
    const groups = [...new Set(s.groups)];
    // Start from an equal split, or from nothing for groups without load when some of the person's groups have it.
    const loaded = groups.filter((g) => load(g) > 0);
    const start = loaded.length > 0 ? loaded : groups;
    const m = new Map(groups.map((g) => [g, start.includes(g) ? 1 / start.length : 0]));
    shares.set(s.windowNumber, m);
    if (loaded.length > 1) shared.push(m);
  }
  for (let round = 0; round < SPLIT_ROUNDS && shared.length > 0; round++) {
    const capacity = new Map<string, number>();
    for (const m of shares.values()) for (const [g, x] of m) capacity.set(g, (capacity.get(g) ?? 0) + x);
    for (const m of shared) {
      let total = 0;
      for (const [g, x] of m) {
        const next = x > 0 ? x * (load(g) / capacity.get(g)!) : 0;
        m.set(g, next);
        total += next;
      }
      for (const [g, x] of m) m.set(g, x / total);
    }
  }
  return shares;
}

/** Group code -> the servers' summed shares: how many windows' worth of time each group gets. */
export function capacityByGroup(shares: ReadonlyMap<number, ReadonlyMap<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of shares.values()) for (const [g, x] of m) out.set(g, (out.get(g) ?? 0) + x);
  return out;
}
