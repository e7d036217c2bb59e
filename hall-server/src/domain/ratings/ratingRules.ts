/**
 * The 好差评 rules a rating obeys (shared/DOMAIN.md "Ratings"), pure:
 *
 *   answer (level, indicator codes, text) --indicatorProblem--> refused (unknown code, code not for this level)
 *                                         --reasonPending-----> a bad review without a reason: stored, flagged,
 *                                                               provincial upload held (the province refuses it)
 *   unrated service --defaultDue--> the sweep rates it at the region's level once the delay has passed
 */
import type { RatingIndicatorList } from "@onewindow/contract";
import { isBadReview } from "@onewindow/contract";

/**
 * Why `codes` cannot go with a rating of `level` under `list`: a code the list does not have, or one the list does
 * not offer for that level; undefined when they are all fine. Worded for the person who sent them.
 */
export function indicatorProblem(
  list: RatingIndicatorList,
  codes: readonly string[],
  level: number,
): string | undefined {
  for (const code of codes) {
    const indicator = list.indicators.find((i) => i.code === code);
    if (!indicator) return `unknown indicator code "${code}" (indicator list ${list.version})`;
    if (!indicator.levels.includes(level))
      return `indicator ${code} (${indicator.name}) is not offered for level ${level} (indicator list ${list.version})`;
  }
  return undefined;
}

/** A bad review (level 1-2) with neither an indicator code nor text: kept, flagged, its provincial upload held. */
export function reasonPending(level: number, codes: readonly string[], text: string): boolean {
  return isBadReview(level) && codes.length === 0 && text.trim() === "";
}

/** Provincial upload state of a new rating: held while its reason is pending, local_only for a local-only item. */
export function provincialStateOf(pending: boolean, localOnly: boolean): "pending" | "held" | "local_only" {
  if (localOnly) return "local_only";
  return pending ? "held" : "pending";
}

/** Whether a service that ended at `serviceEnd` (epoch ms) and is still unrated is due a default rating at `now`. */
export function defaultDue(serviceEnd: number, delayMs: number, now: number): boolean {
  return now >= serviceEnd + delayMs;
}
