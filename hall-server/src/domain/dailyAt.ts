/** When a daily task (the nightly backup) runs next, at a local time of day in the hall's time zone. Pure. */
import { localMinutes } from "./numbering.ts";
import { minutesOfDay } from "./serviceHours.ts";

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * The first instant strictly after `nowMs` (epoch ms) whose local time in `timeZone` is `hhmm` ("HH:MM", 24 h),
 * at second 0, as epoch ms. Around a daylight-saving change the answer is corrected once by the zone's offset
 * change, so it is off by at most that change when `hhmm` falls in the skipped hour (China has none).
 * Throws RangeError for an unknown time zone (as `localMinutes`).
 */
export function nextDailyAt(nowMs: number, hhmm: string, timeZone: string): number {
  const target = minutesOfDay(hhmm);
  const minuteStart = nowMs - (((nowMs % MINUTE) + MINUTE) % MINUTE);
  const ahead = (from: number) => (target - localMinutes(from, timeZone).minutes + DAY_MINUTES) % DAY_MINUTES;
  let next = minuteStart + ahead(minuteStart) * MINUTE;
  if (next <= nowMs) next += DAY_MINUTES * MINUTE;
  // A DST change between now and `next` shifts the local clock; one correction lands on the target minute.
  const drift = ahead(next);
  if (drift !== 0) next += (drift > DAY_MINUTES / 2 ? drift - DAY_MINUTES : drift) * MINUTE;
  return next <= nowMs ? next + DAY_MINUTES * MINUTE : next;
}
