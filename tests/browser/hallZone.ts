/**
 * The test halls' time zone (config default Asia/Shanghai) and, for pages on a PC set to another zone, what their
 * clock must read: formatted here, apart from the pages' own formatter (web-build/src/page/hallTime.ts).
 */

/** The zone the browser tests set their PCs to: neither the hall's nor this machine's. */
export const PC_ZONE = "America/New_York";

/**
 * "HH:MM" of each of the last `minutes` + 1 minutes in the hall's zone (`timeZone`, the config default unless the
 * test hall sets another), newest first (a test may cross a minute).
 */
export function hallClockNear(epochMs: number, minutes = 1, timeZone = "Asia/Shanghai"): string[] {
  const format = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  return Array.from({ length: minutes + 1 }, (_, m) => format.format(epochMs - m * 60_000));
}
