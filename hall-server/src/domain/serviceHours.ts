/** Opening-hours arithmetic shared by ticket issuing and appointment booking. Pure. */

/** "HH:MM" (24 h, validated by the catalogue schema) -> minutes since local midnight. */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

/** An opening period: weekdays 1 (Monday) … 7, open and close as "HH:MM". */
export interface OpeningPeriod {
  readonly weekdays: readonly number[];
  readonly open: string;
  readonly close: string;
}

/** True when the local minutes [from, to) of `weekday` lie inside one opening period (`to` defaults to from + 1). */
export function isOpen(hours: readonly OpeningPeriod[], weekday: number, from: number, to = from + 1): boolean {
  return hours.some((h) => h.weekdays.includes(weekday) && from >= minutesOfDay(h.open) && to <= minutesOfDay(h.close));
}
