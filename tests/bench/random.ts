/** A seeded pseudo-random generator (mulberry32), so every run of the decision benchmark builds the same hall. */

/** Uniform floats in [0, 1) and integers in [0, n), reproducible from the seed. */
export interface Random {
  next(): number;
  int(n: number): number;
  /** A uniformly chosen element; RangeError on an empty list. */
  pick<T>(list: readonly T[]): T;
}

/** Create a generator from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new RangeError("cannot pick from an empty list");
      return list[int(list.length)]!;
    },
  };
}
