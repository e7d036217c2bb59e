/**
 * Ticket numbering. Numbers restart every service day (the hall's own midnight, not UTC), so the sequence is kept
 * per (service day, prefix); which day it is comes from ./serviceDay.ts, the one definition of "today".
 */
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

/**
 * The sequence number of ticket `number` under `prefix` ("A012", "A" -> 12), or undefined when `number` is not a
 * number `formatTicketNumber(prefix, n)` makes.
 */
export function sequenceOf(number: string, prefix: string): number | undefined {
  if (!number.startsWith(prefix)) return undefined;
  const digits = number.slice(prefix.length);
  if (!/^\d{3,}$/.test(digits)) return undefined;
  const seq = Number(digits);
  return seq >= 1 && formatTicketNumber(prefix, seq) === number ? seq : undefined;
}
