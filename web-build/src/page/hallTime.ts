/**
 * Times on the hall's pages in the hall's own time zone (config `timeZone`, IANA, e.g. Asia/Shanghai), whatever zone
 * the PC or phone showing them is set to: a Linux kiosk or screen PC left on UTC would otherwise show the hall
 * screen's clock and the console's arrival times eight hours off the printed tickets, and a visitor's phone on its
 * home zone a no-show's return deadline hours off the hall's clocks. Without a zone (not yet told), this device's.
 */

/** "HH:MM" (24-hour) of `epochMs` in `timeZone`; "HH:MM:SS" with `seconds`. */
export function hallClock(epochMs: number, timeZone: string | undefined, seconds = false): string {
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
    timeZone,
  }).format(epochMs);
}

/** The day of `epochMs` in `timeZone` as `locale` writes it: month, day and weekday ("11月30日星期一"). */
export function hallDay(epochMs: number, timeZone: string | undefined, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "long", day: "numeric", weekday: "long", timeZone }).format(epochMs);
}
