/**
 * CODE128 symbols for the ticket image: ESC/POS `GS k 73` data -> symbol values -> bar/space modules.
 *
 *   "{BA001" --code128Values--> [104 START B, 33, 16, 16, 17, 79 check, 106 STOP] --code128Modules--> "11010010000…"
 *
 * The data follows the ESC/POS convention (Epson GS k, function B, m = 73): it starts with a code set ("{A",
 * "{B" or "{C"), and "{" escapes the specials: "{A"/"{B"/"{C" switch set, "{S" shift (one character from the
 * other of A/B), "{1".."{4" FNC1..FNC4, "{{" a literal "{". In set C each byte is one value 0..99 (two digits),
 * not an ASCII digit. The check symbol is (start + sum(i * value_i)) mod 103 (ISO/IEC 15417).
 */

/** Bar and space widths of symbols 0..106 in modules (bar first); each is 11 modules wide, STOP 13. */
const WIDTHS = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
]; // prettier-ignore

type CodeSet = "A" | "B" | "C";

const START: Record<CodeSet, number> = { A: 103, B: 104, C: 105 };
const SWITCH_TO: Record<CodeSet, number> = { A: 101, B: 100, C: 99 };
const SHIFT = 98;
const FNC1 = 102;
const STOP = 106;

function fail(message: string): never {
  throw new RangeError(`CODE128 data: ${message}`);
}

/** The value of one character in set A or B, or undefined when the set has no such character. */
function charValue(set: "A" | "B", code: number): number | undefined {
  if (code >= 0x20 && code <= 0x5f) return code - 0x20;
  if (set === "A" && code < 0x20) return code + 64;
  if (set === "B" && code >= 0x60 && code <= 0x7f) return code - 0x20;
  return undefined;
}

function functionValue(set: CodeSet, which: string): number {
  if (which === "1") return FNC1;
  if (set === "C") return fail(`FNC${which} does not exist in code set C`);
  if (which === "2") return 97;
  if (which === "3") return 96;
  return set === "A" ? 101 : 100; // FNC4 shares its value with the switch to the set itself
}

/**
 * Symbol values of `data` (ESC/POS form, e.g. "{BA001"), with start, check and stop symbols. Throws RangeError
 * naming the problem when the data has no leading code set or a character its code set cannot carry.
 */
export function code128Values(data: string): number[] {
  const first = /^\{([ABC])/.exec(data)?.[1] as CodeSet | undefined;
  if (!first) fail(`must start with {A, {B or {C, got "${data.slice(0, 2)}"`);
  let set: CodeSet = first;
  const values = [START[set]];
  let shifted = false;
  for (let i = 2; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code === 0x7b) {
      const next = data[++i];
      if (next === "A" || next === "B" || next === "C") {
        if (next !== set) values.push(SWITCH_TO[next]);
        set = next;
        continue;
      }
      if (next === "S") {
        if (set === "C") fail("shift ({S) does not exist in code set C");
        values.push(SHIFT);
        shifted = true;
        continue;
      }
      if (next === "1" || next === "2" || next === "3" || next === "4") {
        values.push(functionValue(set, next));
        continue;
      }
      if (next !== "{") fail(`unknown escape "{${next ?? ""}" at ${i - 1}`);
      // "{{" is one literal "{": fall through as a data character.
    }
    if (set === "C") {
      if (code > 99) fail(`code set C takes values 0..99 (one per two digits), got ${code} at ${i}`);
      values.push(code);
      continue;
    }
    const active: "A" | "B" = shifted ? (set === "A" ? "B" : "A") : set;
    shifted = false;
    const value = charValue(active, code);
    if (value === undefined) fail(`code set ${active} has no character 0x${code.toString(16)} at ${i}`);
    values.push(value);
  }
  if (shifted) fail("shift ({S) at the end has no character to shift");
  const check = values.reduce((sum, value, i) => sum + (i === 0 ? value : i * value), 0) % 103;
  return [...values, check, STOP];
}

/** The symbol as modules, "1" bar and "0" space, without quiet zones (11 per symbol, 13 for STOP). */
export function code128Modules(data: string): string {
  return code128Values(data)
    .map((value) => [...(WIDTHS[value] ?? "")].map((w, i) => (i % 2 === 0 ? "1" : "0").repeat(Number(w))).join(""))
    .join("");
}

/** The human-readable line a printer shows under the bars: the data without the "{X" code-set escapes. */
export function code128Text(data: string): string {
  return data.replace(/\{([ABCS1234{])/g, (_, which: string) => (which === "{" ? "{" : ""));
}
