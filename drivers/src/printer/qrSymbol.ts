/**
 * QR code (model 2) symbol sizes, pure: whether a GS ( k symbol can be printed at all, and how wide it prints.
 *
 *   data --UTF-8--> n bytes --qrVersionFor(n, level)--> version 1..40 (undefined: over capacity)
 *   version --qrModules--> 17 + 4·version modules  × module size (dots) = width, ≤ the profile's print width?
 *
 * Used by the builder (shrink the module size or refuse), the driver (refuse a job it could not confirm) and the
 * virtual printer (print nothing, like firmware, and say so).
 *
 * - Capacity: byte-mode data capacity per version and error-correction level, ISO/IEC 18004:2015 Table 7 (e.g.
 *   version 40: L 2953, M 2331, Q 1663, H 1273 bytes). qrSymbol.test.ts checks every entry against the `qrcode`
 *   package, which builds real symbols; the table is copied here because the pure entry point imports no `qrcode`.
 * - Byte mode: GS ( k fn 80 stores bytes (the codec sends UTF-8). Firmware may pack digits or upper-case text
 *   tighter (numeric, alphanumeric modes), never looser, so a symbol that fits by this table fits on paper; the
 *   only cost is refusing the rare long all-digit payload that a smarter firmware could still squeeze in.
 * - Width: the symbol alone, 17 + 4·version modules, as the firmware draws it and as GS ( k fn 182 reports it. The
 *   printer adds no quiet zone; on a centred symbol the unprinted paper either side gives it one (a 58 mm roll has
 *   5 mm of margin each side of its 48 mm print width, an 80 mm roll 4 mm: at least 4 modules up to 8-dot modules).
 */
import type { EscPosCommand, QrErrorCorrection } from "./codec.ts";

/** The largest QR model 2 version. */
export const QR_MAX_VERSION = 40;

const levelIndex: Record<QrErrorCorrection, number> = { L: 0, M: 1, Q: 2, H: 3 };

// prettier-ignore
/** Bytes a symbol holds in byte mode, by version (row 0 = version 1) and level [L, M, Q, H]: ISO/IEC 18004 Table 7. */
const byteCapacity: readonly (readonly [number, number, number, number])[] = [
  [17, 14, 11, 7], [32, 26, 20, 14], [53, 42, 32, 24], [78, 62, 46, 34], [106, 84, 60, 44], // 1-5
  [134, 106, 74, 58], [154, 122, 86, 64], [192, 152, 108, 84], [230, 180, 130, 98], [271, 213, 151, 119], // 6-10
  [321, 251, 177, 137], [367, 287, 203, 155], [425, 331, 241, 177], [458, 362, 258, 194], [520, 412, 292, 220], // 11-15
  [586, 450, 322, 250], [644, 504, 364, 280], [718, 560, 394, 310], [792, 624, 442, 338], [858, 666, 482, 382], // 16-20
  [929, 711, 509, 403], [1003, 779, 565, 439], [1091, 857, 611, 461], [1171, 911, 661, 511], [1273, 997, 715, 535], // 21-25
  [1367, 1059, 751, 593], [1465, 1125, 805, 625], [1528, 1190, 868, 658], [1628, 1264, 908, 698], [1732, 1370, 982, 742], // 26-30
  [1840, 1452, 1030, 790], [1952, 1538, 1112, 842], [2068, 1628, 1168, 898], [2188, 1722, 1228, 958], [2303, 1809, 1283, 983], // 31-35
  [2431, 1911, 1351, 1051], [2563, 1989, 1423, 1093], [2699, 2099, 1499, 1139], [2809, 2213, 1579, 1219], [2953, 2331, 1663, 1273], // 36-40
];

/** Bytes a version 1..40 symbol holds at `level` in byte mode. RangeError for a version outside 1..40. */
export function qrByteCapacity(version: number, level: QrErrorCorrection): number {
  const row = byteCapacity[version - 1];
  if (!Number.isInteger(version) || !row) throw new RangeError(`QR version must be 1..40, got ${version}`);
  return row[levelIndex[level]]!;
}

/** The smallest version 1..40 that holds `bytes` bytes at `level`, or undefined when no QR symbol can. */
export function qrVersionFor(bytes: number, level: QrErrorCorrection): number | undefined {
  for (let version = 1; version <= QR_MAX_VERSION; version++)
    if (bytes <= qrByteCapacity(version, level)) return version;
  return undefined;
}

/** Modules along one side of a version 1..40 symbol, quiet zone not included: 17 + 4·version (21 .. 177). */
export const qrModules = (version: number): number => 17 + 4 * version;

/** Bytes GS ( k fn 80 stores for `data`: its UTF-8 encoding (codec.ts). */
export const qrDataBytes = (data: string): number => new TextEncoder().encode(data).length;

/** One symbol as GS ( k would print it: data, module size (dots) and error-correction level. */
export interface QrSymbol {
  readonly data: string;
  readonly moduleSize: number;
  readonly errorCorrection: QrErrorCorrection;
}

/** Why a symbol cannot be printed: more data than any version holds, or wider than the print width. */
export type QrSymbolProblem =
  | {
      readonly reason: "over-capacity";
      readonly bytes: number;
      readonly errorCorrection: QrErrorCorrection;
      /** What version 40 holds at this level. */
      readonly capacity: number;
    }
  | {
      readonly reason: "too-wide";
      readonly bytes: number;
      readonly errorCorrection: QrErrorCorrection;
      readonly version: number;
      readonly modules: number;
      readonly moduleSize: number;
      /** modules × moduleSize. */
      readonly widthDots: number;
      readonly printWidthDots: number;
    };

/** What is wrong with printing `symbol` on a printer `printWidthDots` wide, or undefined when it prints. */
export function qrSymbolProblem(symbol: QrSymbol, printWidthDots: number): QrSymbolProblem | undefined {
  const bytes = qrDataBytes(symbol.data);
  const level = symbol.errorCorrection;
  const version = qrVersionFor(bytes, level);
  if (version === undefined)
    return { reason: "over-capacity", bytes, errorCorrection: level, capacity: qrByteCapacity(QR_MAX_VERSION, level) };
  const modules = qrModules(version);
  const widthDots = modules * symbol.moduleSize;
  if (widthDots <= printWidthDots) return undefined;
  return {
    reason: "too-wide",
    bytes,
    errorCorrection: level,
    version,
    modules,
    moduleSize: symbol.moduleSize,
    widthDots,
    printWidthDots,
  };
}

/** A sentence for logs and errors, e.g. "QR code of 3000 bytes exceeds the 2953 bytes any QR symbol holds at level L". */
export function describeQrProblem(problem: QrSymbolProblem): string {
  if (problem.reason === "over-capacity")
    return (
      `QR code of ${problem.bytes} bytes exceeds the ${problem.capacity} bytes any QR symbol holds at error ` +
      `correction ${problem.errorCorrection}`
    );
  return (
    `QR code of ${problem.bytes} bytes (version ${problem.version}, ${problem.modules} modules) at module size ` +
    `${problem.moduleSize} is ${problem.widthDots} dots wide; the print width is ${problem.printWidthDots} dots`
  );
}

/** A symbol a command list would ask the printer to print, and why it cannot. */
export interface UnprintableQr {
  readonly symbol: QrSymbol;
  readonly problem: QrSymbolProblem;
}

/**
 * Every GS ( k print (fn 81) in `commands` that a printer `printWidthDots` wide could not print, in order. Follows
 * the GS ( k settings the way firmware does: module size 3 and level L at power-up and after ESC @ (Epson's
 * defaults); a print with nothing stored prints nothing and is not reported.
 */
export function unprintableQrs(commands: readonly EscPosCommand[], printWidthDots: number): UnprintableQr[] {
  const found: UnprintableQr[] = [];
  let moduleSize = 3;
  let errorCorrection: QrErrorCorrection = "L";
  let data: string | undefined;
  for (const command of commands) {
    if (command.op === "initialize") [moduleSize, errorCorrection, data] = [3, "L", undefined];
    else if (command.op === "qrModuleSize") moduleSize = command.size;
    else if (command.op === "qrErrorCorrection") errorCorrection = command.level;
    else if (command.op === "qrStore") data = command.data;
    else if (command.op === "qrPrint" && data !== undefined) {
      const symbol = { data, moduleSize, errorCorrection };
      const problem = qrSymbolProblem(symbol, printWidthDots);
      if (problem) found.push({ symbol, problem });
    }
  }
  return found;
}
