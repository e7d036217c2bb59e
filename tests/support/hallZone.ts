/**
 * The test halls' time zones and, for pages on a PC set to another zone, what their clock must read: formatted here,
 * apart from the pages' own formatter (web-build/src/page/hallTime.ts).
 *
 * A hall's service day ends at its local midnight (numbering restarts, the ended day's waiting tickets expire, a
 * transfer of one is refused), and the browser tests run the halls on the real clock. A hall left in the config's
 * default zone (Asia/Shanghai) ends its day at 16:00 UTC, so a run about then took a ticket on one day and acted on it
 * on the next. Every browser test hall therefore runs in `middayZone()`: a zone where it is about noon when the
 * suite starts, eight hours from either midnight, longer than any suite runs.
 */

/** The zone the browser tests set their PCs to: neither the hall's nor this machine's. */
export const PC_ZONE = "America/New_York";

/**
 * Real zones without daylight saving time, one per whole-hour UTC offset from −11 to +14 (every hour of the day is
 * noon in one of them). Whole hours keep the halls' 30-minute appointment slots on the half hours of UTC.
 */
export const HALL_ZONES = [
  "Pacific/Pago_Pago", // −11
  "Pacific/Honolulu", // −10
  "Pacific/Gambier", // −9
  "Pacific/Pitcairn", // −8
  "America/Phoenix", // −7
  "America/Guatemala", // −6
  "America/Bogota", // −5
  "America/La_Paz", // −4
  "America/Sao_Paulo", // −3
  "America/Noronha", // −2
  "Atlantic/Cape_Verde", // −1
  "Africa/Abidjan", // 0
  "Africa/Lagos", // +1
  "Africa/Johannesburg", // +2
  "Africa/Nairobi", // +3
  "Asia/Dubai", // +4
  "Asia/Tashkent", // +5
  "Asia/Dhaka", // +6
  "Asia/Bangkok", // +7
  "Asia/Shanghai", // +8, the config's default
  "Asia/Tokyo", // +9
  "Australia/Brisbane", // +10
  "Pacific/Guadalcanal", // +11
  "Pacific/Tarawa", // +12
  "Pacific/Fakaofo", // +13
  "Pacific/Kiritimati", // +14, the first to start each day
] as const;

/** The window `middayZone` keeps the hall's local time in, in minutes after midnight (08:00–16:00). */
export const MIDDAY = { from: 8 * 60, to: 16 * 60 } as const;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at `epochMs`: its day ("YYYY-MM-DD"), minutes after midnight, and UTC offset (min). */
export function wallClock(epochMs: number, timeZone: string): { day: string; minutes: number; offset: number } {
  let format = formats.get(timeZone);
  if (!format) {
    const numeric = "numeric" as const;
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: numeric,
      month: numeric,
      day: numeric,
      hour: numeric,
      minute: numeric,
      second: numeric,
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day, hour, minute] = (["year", "month", "day", "hour", "minute"] as const).map(part);
  const asUtc = Date.UTC(year!, month! - 1, day, hour, minute, part("second"));
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    day: `${year}-${pad(month!)}-${pad(day!)}`,
    minutes: hour! * 60 + minute!,
    offset: Math.round((asUtc - (epochMs - (epochMs % 1000))) / 60_000),
  };
}

/**
 * The zone of `HALL_ZONES` whose local time at `epochMs` (default now) is nearest noon, within `MIDDAY`, and whose
 * UTC offset then differs from `PC_ZONE`'s (so a page that showed the PC's time instead of the hall's is seen).
 * Throws if none is (the list covers every hour: it cannot happen while it does).
 */
export function middayZone(epochMs = Date.now()): string {
  const pc = wallClock(epochMs, PC_ZONE).offset;
  let best: { zone: string; fromNoon: number } | undefined;
  for (const zone of HALL_ZONES) {
    const { minutes, offset } = wallClock(epochMs, zone);
    if (minutes < MIDDAY.from || minutes > MIDDAY.to || offset === pc) continue;
    const fromNoon = Math.abs(minutes - 12 * 60);
    if (!best || fromNoon < best.fromNoon) best = { zone, fromNoon };
  }
  if (!best) throw new Error(`no zone of HALL_ZONES is near noon at ${new Date(epochMs).toISOString()}`);
  return best.zone;
}

/**
 * Two zones for a test of the service day's end: a hall that runs in `before` at `epochMs` (default now) and is then
 * started again in `after` finds its day ended. `after` is Pacific/Kiritimati (UTC+14, where each date starts
 * first); `before` is the zone of `HALL_ZONES` whose date then is earlier than Kiritimati's and whose local time is
 * nearest noon within 08:00–23:00 (an hour at least before its midnight: west of the date line before 10:00 UTC).
 */
export function dayEndZones(epochMs = Date.now()): { before: string; after: string } {
  const after = "Pacific/Kiritimati";
  const afterDay = wallClock(epochMs, after).day;
  let best: { zone: string; fromNoon: number } | undefined;
  for (const zone of HALL_ZONES) {
    const { day, minutes } = wallClock(epochMs, zone);
    if (day >= afterDay || minutes < 8 * 60 || minutes >= 23 * 60) continue;
    const fromNoon = Math.abs(minutes - 12 * 60);
    if (!best || fromNoon < best.fromNoon) best = { zone, fromNoon };
  }
  if (!best) throw new Error(`no zone of HALL_ZONES is a day behind ${after} at ${new Date(epochMs).toISOString()}`);
  return { before: best.zone, after };
}

/**
 * "HH:MM" of each of the last `minutes` + 1 minutes in the hall's zone `timeZone` (the one the test hall was started
 * in), newest first (a test may cross a minute).
 */
export function hallClockNear(epochMs: number, minutes: number, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  return Array.from({ length: minutes + 1 }, (_, m) => format.format(epochMs - m * 60_000));
}
