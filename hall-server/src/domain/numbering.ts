/**
 * Ticket numbering and local-time helpers.
 *
 * Ticket numbers restart every local day (the hall's own midnight, not UTC), so every caller needs the same
 * answer to "which day is it in the hall": that is `localDay`. `localMinutes` gives the weekday and minute of
 * the day for service hours and slot caps. Time zones are IANA names resolved by Intl, so DST zones work
 * without a table of our own.
 */

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

function localParts(nowMs: number, timeZone: string): LocalParts {
  if (!Number.isFinite(nowMs)) throw new RangeError(`time must be a finite epoch-ms number, got ${nowMs}`);
  const minute = Math.floor(nowMs / 60_000);
  const cached = lastMinute.get(timeZone);
  if (cached?.minute === minute) return cached.parts;
  const parts = computeLocalParts(nowMs, timeZone);
  lastMinute.set(timeZone, { minute, parts });
  return parts;
}

function computeLocalParts(nowMs: number, timeZone: string): LocalParts {
  const formatter = formatterFor(timeZone);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter.formatToParts(nowMs)) parts[p.type] = p.value;
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

/**
 * The calendar day "YYYY-MM-DD" that `nowMs` falls on in `timeZone` (any IANA zone, DST-aware).
 * Throws RangeError with a clear message on an unknown zone or a non-finite time.
 */
export function localDay(nowMs: number, timeZone: string): string {
  const p = localParts(nowMs, timeZone);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/**
 * Weekday (1 = Monday … 7 = Sunday) and minute of the day (0..1439) of `nowMs` in `timeZone`, for service
 * hours and slot caps. Throws RangeError like `localDay`.
 */
export function localMinutes(nowMs: number, timeZone: string): { weekday: number; minutes: number } {
  const p = localParts(nowMs, timeZone);
  return { weekday: p.weekday, minutes: p.hour * 60 + p.minute };
}

/**
 * The printed/spoken ticket number: prefix + sequence, zero-padded to at least 3 digits ("A001", "A999",
 * "A1000"). `seq` must be an integer ≥ 1 and `prefix` one or more capital letters or digits; anything else
 * throws RangeError, because a malformed number must never reach a printer or a voice announcement.
 */
export function formatTicketNumber(prefix: string, seq: number): string {
  if (!/^[A-Z0-9]+$/.test(prefix))
    throw new RangeError(`ticket prefix must be capital letters/digits, got "${prefix}"`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`ticket sequence must be an integer ≥ 1, got ${seq}`);
  return `${prefix}${String(seq).padStart(3, "0")}`;
}
