/**
 * The hall's service day as use cases see it: the one place outside the domain that asks domain/serviceDay.ts which
 * day (or local minute) an instant falls on, in the zone of the hall's config. Numbering, call-next, the counter's
 * lists, caps, appointment check-in, the elderly age check and the waiting index all take "today" from here
 * (hall-server/src/oneServiceDay.test.ts and lint keep it so).
 */
import {
  addWorkingDays,
  localMinutes,
  nextServiceDayBoundary,
  serviceDayEnd,
  serviceDayOf,
  type ServiceDay,
} from "../domain/index.ts";

/** What these need of the context: the hall's time zone. */
type Zoned = { config: { timeZone: string } };

/** The service day ("YYYY-MM-DD") `atMs` (epoch ms, the hall's clock) falls on in the hall's time zone. */
export function serviceDay(ctx: Zoned, atMs: number): ServiceDay {
  return serviceDayOf(atMs, ctx.config.timeZone);
}

/** Weekday (1 = Monday … 7) and minute of the day (0..1439) of `atMs` on the hall's wall clock. */
export function hallClock(ctx: Zoned, atMs: number): { weekday: number; minutes: number } {
  return localMinutes(atMs, ctx.config.timeZone);
}

/** The end of the service day `atMs` falls on: the next local midnight (epoch ms), always after `atMs`. */
export function serviceDayEndsAt(ctx: Zoned, atMs: number): number {
  return nextServiceDayBoundary(atMs, ctx.config.timeZone);
}

/**
 * The deadline of something due `workingDays` working days after `atMs` by the region's calendar (config `ratings`:
 * weekends, `holidays`, `workdays`): the end (next local midnight, epoch ms) of that working day in the hall's zone.
 */
export function workingDaysDeadline(
  ctx: Zoned & { config: { ratings: { holidays: string[]; workdays: string[] } } },
  atMs: number,
  workingDays: number,
): number {
  const calendar = { holidays: new Set(ctx.config.ratings.holidays), workdays: new Set(ctx.config.ratings.workdays) };
  return serviceDayEnd(addWorkingDays(serviceDay(ctx, atMs), workingDays, calendar), ctx.config.timeZone);
}
