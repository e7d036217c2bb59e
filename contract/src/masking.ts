/**
 * Display masks for personal data, shared by the hall-server, station agents, screens and the ticket printer so
 * that every place shows the same masked form. Pure.
 */

/**
 * Canonical form of an ID number for hashing and comparison: NFKC (full-width digits and letters from
 * a Chinese IME become ASCII), trimmed, upper-cased (check digit "x" -> "X"; letters of foreign
 * permanent-resident numbers). Does not validate.
 */
export function normaliseIdNumber(s: string): string {
  return s.normalize("NFKC").trim().toUpperCase();
}

/** Keeps `head` leading and `tail` trailing characters (code points) and stars the rest. */
function keepEnds(chars: string[], head: number, tail: number): string {
  if (head + tail >= chars.length) return "*".repeat(chars.length);
  return (
    chars.slice(0, head).join("") + "*".repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join("")
  );
}

/**
 * Display form of an ID number: `110101199003071234` -> `110***********1234`. Length is preserved;
 * at most 3 leading + 4 trailing characters survive, and never more than half of the number, so short
 * numbers (passes, passports) keep less (`12345678` -> `1****678`, `1234` -> `**34`).
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(normaliseIdNumber(idNumber));
  const budget = Math.min(7, Math.floor(chars.length / 2));
  const head = Math.min(3, Math.floor((budget * 3) / 7));
  return keepEnds(chars, head, Math.min(4, budget - head));
}

const HAN = /\p{Script=Han}/u;

/**
 * Display form of a person's name. Chinese: `张三` -> `张*`, `王小明` -> `王*明`, `欧阳娜娜` -> `欧**娜`
 * (first and last kept from three characters on; a single character becomes `*`). Names without Han
 * characters are masked per word: `ZHANG SAN` -> `Z**** S**`. Whitespace is trimmed; empty stays empty.
 */
export function maskName(name: string): string {
  const trimmed = name.normalize("NFC").trim();
  if (trimmed.length === 0) return "";
  if (!HAN.test(trimmed)) {
    return trimmed
      .split(/\s+/u)
      .map((word) => {
        const chars = Array.from(word);
        return (chars[0] ?? "") + "*".repeat(chars.length - 1);
      })
      .join(" ");
  }
  const chars = Array.from(trimmed.replace(/\s+/gu, ""));
  if (chars.length === 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return keepEnds(chars, 1, 1);
}

/**
 * Display form of a phone number: `13812345678` -> `138****5678`. Separators (spaces, `-`, `.`,
 * parentheses) are dropped and a `+86`/`0086`/`86` prefix on a mobile number is removed. Other numbers
 * keep at most the last 4 digits (and the first 3 when 11 or more), never more than half.
 */
export function maskPhone(phone: string): string {
  const compact = phone.normalize("NFKC").replace(/[\s\-.()]/gu, "");
  const mobile = /^(?:\+?86|0086)?(1\d{10})$/u.exec(compact)?.[1];
  if (mobile !== undefined) return keepEnds(Array.from(mobile), 3, 4);
  const chars = Array.from(compact);
  const tail = Math.min(4, Math.floor(chars.length / 2));
  const head = chars.length >= 11 ? 3 : 0;
  return keepEnds(chars, head, tail);
}
