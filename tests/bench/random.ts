/** A seeded pseudo-random generator (mulberry32), so every run of the decision benchmark builds the same hall. */
import { createRng } from "../../hall-server/src/domain/index.ts";

/** Uniform floats in [0, 1) and integers in [0, n), reproducible from the seed. */
export interface Random {
  next(): number;
  int(n: number): number;
  /** A uniformly chosen element; RangeError on an empty list. */
  pick<T>(list: readonly T[]): T;
}

/** Create a generator from a 32-bit seed (the domain's mulberry32, shared with the wait forecast). */
export function createRandom(seed: number): Random {
  const { next } = createRng(seed);
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
