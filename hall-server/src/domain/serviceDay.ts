/**
 * # The hall's service day: the one definition of "today"
 *
 * A service day is a calendar date in the hall's IANA time zone. It begins at that date's first local instant
 * (local midnight, or the first instant after a daylight-saving gap that swallows midnight) and ends where the
 * next date begins:
 *
 *   instant --serviceDayOf--> "YYYY-MM-DD" --serviceDayStart / serviceDayEnd--> [start, end) in epoch ms
 *
 *   ... 23:59:59.999 | 00:00:00.000 ...        the first belongs to day D, the second to day D + 1
 *
 * Numbering, call-next, the counter's lists, daily and time-slot caps, appointment check-in and reports all take
 * "today" from here, so no rule can disagree with another about which day it is (lint keeps every other file off
 * time-zone and calendar arithmetic). Days are 23, 24 or 25 hours long in zones with daylight-saving time
 * (Europe/Berlin); Asia/Shanghai has none. Never add 86_400_000 to find the next day: ask `serviceDayEnd`.
 *
 * Time zones are resolved by Intl, so DST rules come from the runtime's tz database, not from a table of ours.
 * Pure: the clock is the caller's (`atMs`), nothing here reads the time.
 */

/** A service day as "YYYY-MM-DD" (the hall's local calendar date); such strings sort in day order. */
export type ServiceDay = string;

/** Default hall time zone when the config names none. */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

// Building an Intl.DateTimeFormat costs tens of microseconds; a hall uses one zone, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}": expected an IANA name such as "Asia/Shanghai"`);
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/**
 * Throw RangeError naming `timeZone` unless the runtime knows it as an IANA zone (config validation at boot uses
 * this, so a hall never starts with a zone its service day cannot be computed in).
 */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Every zone in use has a whole-minute offset, so all instants of one UTC minute share their local parts:
// remember the last minute per zone (formatToParts costs microseconds, and every ticket asks).
const lastMinute = new Map<string, { minute: number; parts: LocalParts }>();

function checkInstant(atMs: number): void {
  if (!Number.isFinite(atMs)) throw new RangeError(`time must be a finite epoch-ms number, got ${atMs}`);
}

function localParts(atMs: number, timeZone: string): LocalParts {
  checkInstant(atMs);
  const minute = Math.floor(atMs / 60_000);
  const cached = lastMinute.get(timeZone);
  if (cached?.minute === minute) return cached.parts;
  const parts = computeLocalParts(atMs, timeZone);
  lastMinute.set(timeZone, { minute, parts });
  return parts;
}

function computeLocalParts(atMs: number, timeZone: string): LocalParts {
  const formatter = formatterFor(timeZone);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter.formatToParts(atMs)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines print midnight as "24" even with h23; fold it back.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0,
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const dayOfParts = (p: { year: number; month: number; day: number }): ServiceDay =>
  `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;

/** Whether `s` is a service day "YYYY-MM-DD" that exists on the calendar (no 02-30, no month 13). */
export function isServiceDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDay(day: ServiceDay): { year: number; month: number; day: number } {
  if (!isServiceDay(day)) throw new RangeError(`service day must be a calendar date "YYYY-MM-DD", got "${day}"`);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/**
 * The service day `atMs` (epoch ms) falls on in `timeZone` (any IANA zone, DST-aware): its local calendar date.
 * Throws RangeError with a clear message on an unknown zone or a non-finite time.
 */
export function serviceDayOf(atMs: number, timeZone: string): ServiceDay {
  return dayOfParts(localParts(atMs, timeZone));
}

/** The calendar date after `day` (calendar arithmetic only; no time zone is involved). */
export function nextCalendarDay(day: ServiceDay): ServiceDay {
  const p = parseDay(day);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return dayOfParts({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
}

/** Weekday (1 = Monday … 7 = Sunday) of calendar date `day` (no time zone is involved). */
export function weekdayOfDay(day: ServiceDay): number {
  const p = parseDay(day);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
}

/**
 * A region's working calendar: Monday to Friday work, except `holidays` (法定节假日, "YYYY-MM-DD"); `workdays` are
 * weekend dates worked instead (调休上班).
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<ServiceDay>;
  workdays: ReadonlySet<ServiceDay>;
}

/** Whether `day` is a working day of `calendar`. */
export function isWorkingDay(day: ServiceDay, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  return weekdayOfDay(day) <= 5;
}

/**
 * The `n`-th working day after `day` (`day` itself not counted: a case opened on a Friday with n = 1 is due on
 * Monday). Throws RangeError for n < 1 or a calendar with no working day within ten years.
 */
export function addWorkingDays(day: ServiceDay, n: number, calendar: WorkingCalendar): ServiceDay {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a whole number >= 1, got ${n}`);
  let d = day;
  for (let left = n, guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new RangeError("the working calendar has no working day within ten years");
    d = nextCalendarDay(d);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

// Day starts are asked for again and again (each boundary timer, each expiry sweep): remember them.
const starts = new Map<string, number>();
const MAX_REMEMBERED_STARTS = 1024;
// Offsets lie within UTC-12..UTC+14, so a date's first instant is within 15 h of the same wall time read as UTC.
const SEARCH_SPAN_MS = 15 * 3_600_000;

/**
 * The first instant (epoch ms) of service day `day` in `timeZone`: local midnight, or where the date begins when a
 * daylight-saving gap swallows midnight. Found by bisection to the millisecond over the instants whose local date is
 * `day` or later (the local date never steps back in the zones in use), so it needs no offset arithmetic of its own.
 * Throws RangeError on a malformed day or an unknown zone.
 */
export function serviceDayStart(day: ServiceDay, timeZone: string): number {
  const key = `${timeZone}\u0000${day}`;
  const cached = starts.get(key);
  if (cached !== undefined) return cached;
  const p = parseDay(day);
  formatterFor(timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day);
  // Invariant: the local date at `lo` is before `day`, the local date at `hi` is `day` or later.
  let lo = wall - SEARCH_SPAN_MS;
  let hi = wall + SEARCH_SPAN_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayOfParts(computeLocalParts(mid, timeZone)) >= day) hi = mid;
    else lo = mid;
  }
  if (starts.size >= MAX_REMEMBERED_STARTS) starts.clear();
  starts.set(key, hi);
  return hi;
}

/**
 * The end (epoch ms, exclusive) of service day `day` in `timeZone`: the first instant of the next date. So
 * `serviceDayEnd(d) - serviceDayStart(d)` is 24 h, or 23 h / 25 h on the days daylight-saving time starts / ends.
 */
export function serviceDayEnd(day: ServiceDay, timeZone: string): number {
  return serviceDayStart(nextCalendarDay(day), timeZone);
}

/**
 * The next day boundary after `atMs`: the end of the service day `atMs` falls on (always > `atMs`). A timer set
 * for this instant closes the day exactly at local midnight, whatever the DST rules.
 */
export function nextServiceDayBoundary(atMs: number, timeZone: string): number {
  return serviceDayEnd(serviceDayOf(atMs, timeZone), timeZone);
}

/**
 * Weekday (1 = Monday … 7 = Sunday) and minute of the day (0..1439) of `atMs` in `timeZone`, for service hours and
 * time-slot caps. On a DST day the minute is the wall clock's (it skips or repeats an hour). Throws RangeError like
 * `serviceDayOf`.
 */
export function localMinutes(atMs: number, timeZone: string): { weekday: number; minutes: number } {
  const p = localParts(atMs, timeZone);
  return { weekday: p.weekday, minutes: p.hour * 60 + p.minute };
}

/**
 * Whole years of age on service day `today` of someone born on `birthDate` ("YYYYMMDD"): the year difference, less
 * one until this year's birthday. Negative when the birth date lies after `today`. Throws RangeError on a
 * malformed day.
 */
export function ageOn(today: ServiceDay, birthDate: string): number {
  const t = parseDay(today);
  if (!/^\d{8}$/.test(birthDate)) throw new RangeError(`birth date must be "YYYYMMDD", got "${birthDate}"`);
  const by = Number(birthDate.slice(0, 4));
  const bmd = birthDate.slice(4);
  const tmd = `${pad(t.month, 2)}${pad(t.day, 2)}`;
  return t.year - by - (tmd < bmd ? 1 : 0);
}

/**
 * An instant (epoch ms) as ISO 8601 in UTC, "2026-11-30T02:30:00.000Z": for manifests, file names and lock files,
 * where a time must read the same in every zone. Throws RangeError on a non-finite time.
 */
export function isoTime(atMs: number): string {
  return new Date(atMs).toISOString();
}

/**
 * The first instant strictly after `nowMs` (epoch ms) whose local time in `timeZone` is `hhmm` ("HH:MM", 24 h,
 * second 0), for daily tasks such as the nightly backup. On the days DST starts or ends the day's start plus the
 * minutes is corrected once to the wall clock; a time in the hour a DST change skips runs an hour later on the
 * wall clock (China has no DST). Throws RangeError for an unknown time zone.
 */
export function nextDailyAt(nowMs: number, hhmm: string, timeZone: string): number {
  const target = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const onDay = (day: ServiceDay): number => {
    const at = serviceDayStart(day, timeZone) + target * 60_000;
    const drift = target - localMinutes(at, timeZone).minutes;
    if (drift === 0) return at;
    const corrected = at + drift * 60_000;
    // No correction lands in the skipped hour itself (it does not exist): keep the later wall time then.
    return localMinutes(corrected, timeZone).minutes === target ? corrected : at;
  };
  const today = serviceDayOf(nowMs, timeZone);
  const at = onDay(today);
  return at > nowMs ? at : onDay(nextCalendarDay(today));
}
