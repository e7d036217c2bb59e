/**
 * Identity-number checks for the card types a reader returns (devices.md §1.6). Pure.
 * 18-character numbers (resident ID, HK/Macau/Taiwan permit, foreign permanent residence 2023) carry an
 * ISO 7064 MOD 11-2 check character; the 2017 foreign permanent residence number is 3 letters + 12 digits.
 */
import { DriverError, DriverErrorCode } from "../core/errors.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/** Result of a number check: valid, or the reason it is not. */
export type IdNumberCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/** The MOD 11-2 check character for 17 digits; undefined when the input is not exactly 17 digits. */
export function idCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11];
}

/** Check an 18-character number: 17 digits, then the right check character (0-9 or upper-case X). */
export function checkIdNumber18(id: string): IdNumberCheck {
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: "not 17 digits followed by a digit or X" };
  const expected = idCheckCharacter(id.slice(0, 17));
  if (expected !== id[17]) return { valid: false, reason: `check character is ${id[17]}, expected ${expected}` };
  return { valid: true };
}

/** Check the 15-character 2017 foreign permanent residence number: 3 upper-case letters + 12 digits. */
export function checkForeign2017Number(id: string): IdNumberCheck {
  return /^[A-Z]{3}\d{12}$/.test(id)
    ? { valid: true }
    : { valid: false, reason: "not 3 upper-case letters followed by 12 digits" };
}

/** Regions of the HK/Macau/Taiwan residence permit, from the number prefix (§1.6, S11). */
export type PermitRegion = "hong-kong" | "macau" | "taiwan";

/** The permit region for a number starting 810000 / 820000 / 830000, else undefined. */
export function permitRegion(id: string): PermitRegion | undefined {
  if (id.startsWith("810000")) return "hong-kong";
  if (id.startsWith("820000")) return "macau";
  if (id.startsWith("830000")) return "taiwan";
  return undefined;
}

/** Check a HK/Macau/Taiwan residence permit number: MOD 11-2 plus one of the three region prefixes. */
export function checkPermitNumber(id: string): IdNumberCheck {
  const base = checkIdNumber18(id);
  if (!base.valid) return base;
  return permitRegion(id) ? base : { valid: false, reason: "does not start with 810000, 820000 or 830000" };
}

/** Check a 2023 foreign permanent residence number: MOD 11-2 and a leading 9. */
export function checkForeign2023Number(id: string): IdNumberCheck {
  const base = checkIdNumber18(id);
  if (!base.valid) return base;
  return id.startsWith("9") ? base : { valid: false, reason: "does not start with 9" };
}

/** The typed error for a number that failed its check (DriverErrorCode.InvalidIdNumber). */
export function invalidIdNumberError(id: string, reason: string): DriverError {
  // The number is personal data: the context keeps only its length and a masked form.
  const masked = id.length > 8 ? `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}` : "*".repeat(id.length);
  return new DriverError(DriverErrorCode.InvalidIdNumber, `invalid identity number: ${reason}`, {
    masked,
    length: id.length,
  });
}
