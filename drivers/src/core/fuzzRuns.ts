/**
 * How many runs each property-based fuzz test makes. One figure for every decoder, so a resolution can name the
 * fuzzing volume; raise it for a longer session: `FUZZ_RUNS=100000 npx vitest run drivers`.
 */
export function fuzzRunsFrom(value: string | undefined): number {
  if (value === undefined || value === "") return 2000;
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`FUZZ_RUNS must be a positive integer, got "${value}"`);
  return runs;
}

export const fuzzRuns = fuzzRunsFrom(process.env["FUZZ_RUNS"]);
