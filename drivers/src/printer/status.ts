/**
 * Printer status, pure: the bytes a printer sends back <-> typed flags and one condition a person is told about.
 *
 *   DLE EOT 1..4 replies --decodeRealtimeStatus--> PrinterStatus <--decodeAsb-- 4-byte ASB block
 *   GS r 1 reply --decodePaperStatus--> PaperSensor
 *
 * The encode* functions are the printer's side, used by the virtual printer. Bit meanings: devices.md §2.6.
 */

/** What the kiosk needs to know, most severe first when several apply. */
export type PrinterCondition = "cover-open" | "paper-out" | "cutter-error" | "offline" | "paper-near-end" | "ok";

/** Every status bit the driver reads, from DLE EOT 1-4 or an ASB block. */
export interface PrinterFlags {
  readonly offline: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
  readonly cutterError: boolean;
  /** Mechanical (recoverable) error, e.g. a paper jam. */
  readonly mechanicalError: boolean;
  readonly unrecoverableError: boolean;
  /** E.g. head overheated; clears by itself. */
  readonly autoRecoverableError: boolean;
  readonly feedButton: boolean;
  readonly drawerHigh: boolean;
}

export interface PrinterStatus {
  readonly condition: PrinterCondition;
  readonly flags: PrinterFlags;
}

export const okFlags: PrinterFlags = {
  offline: false,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  cutterError: false,
  mechanicalError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  feedButton: false,
  drawerHigh: false,
};

/** The single condition a person is told about: cover > paper out > cutter > other errors/offline > near end. */
export function conditionOf(flags: PrinterFlags): PrinterCondition {
  if (flags.coverOpen) return "cover-open";
  if (flags.paperOut) return "paper-out";
  if (flags.cutterError) return "cutter-error";
  if (flags.offline || flags.mechanicalError || flags.unrecoverableError || flags.autoRecoverableError)
    return "offline";
  if (flags.paperNearEnd) return "paper-near-end";
  return "ok";
}

/** Conditions from the most to the least severe: the order `conditionOf` applies to flags. */
const severity: readonly PrinterCondition[] = [
  "cover-open",
  "paper-out",
  "cutter-error",
  "offline",
  "paper-near-end",
  "ok",
];

/**
 * The worse of two conditions, in `conditionOf`'s order, for combining readings from different sources (DLE EOT,
 * ASB, GS r 1) taken about the same time: one sensor's "fine" never hides another's warning.
 */
export const worstCondition = (a: PrinterCondition, b: PrinterCondition): PrinterCondition =>
  severity.indexOf(a) <= severity.indexOf(b) ? a : b;

/** Conditions that stop printing; a job is refused, or fails, while one holds. "paper-near-end" still prints. */
export const isBlocking = (condition: PrinterCondition): boolean =>
  condition !== "ok" && condition !== "paper-near-end";

export const statusOf = (flags: PrinterFlags): PrinterStatus => ({ condition: conditionOf(flags), flags });

/** A DLE EOT reply: bits 1 and 4 set, bits 0 and 7 clear, so "all fine" is 0x12 (devices.md §2.6). */
export const isRealtimeStatusByte = (value: number): boolean => (value & 0x93) === 0x12;

const bit = (value: number, n: number): boolean => (value & (1 << n)) !== 0;

/** Decode the four DLE EOT 1..4 replies (in class order) into flags. */
export function decodeRealtimeStatus(replies: readonly [number, number, number, number]): PrinterStatus {
  const [printer, offline, error, paper] = replies;
  return statusOf({
    drawerHigh: bit(printer, 2),
    offline: bit(printer, 3),
    feedButton: bit(printer, 6),
    coverOpen: bit(offline, 2),
    // n=2 bit 5 "printing stopped by paper end" and n=4 bits 5+6 "paper end sensor" both mean no paper.
    paperOut: bit(offline, 5) || (paper & 0x60) === 0x60,
    mechanicalError: bit(error, 2),
    cutterError: bit(error, 3),
    unrecoverableError: bit(error, 5),
    autoRecoverableError: bit(error, 6),
    paperNearEnd: (paper & 0x0c) === 0x0c,
  });
}

const set = (n: number, on: boolean): number => (on ? 1 << n : 0);

/** A printer with any error, or that cannot print (cover, paper), also reports itself offline. */
function derived(flags: PrinterFlags): { error: boolean; offline: boolean } {
  const error = flags.cutterError || flags.mechanicalError || flags.unrecoverableError || flags.autoRecoverableError;
  return { error, offline: flags.offline || flags.coverOpen || flags.paperOut || error };
}

/** The DLE EOT 1..4 replies a printer in this state sends (the virtual printer's side of decodeRealtimeStatus). */
export function encodeRealtimeStatus(flags: PrinterFlags): [number, number, number, number] {
  const { error, offline } = derived(flags);
  return [
    0x12 | set(2, flags.drawerHigh) | set(3, offline) | set(6, flags.feedButton),
    0x12 | set(2, flags.coverOpen) | set(5, flags.paperOut) | set(6, error),
    0x12 |
      set(2, flags.mechanicalError) |
      set(3, flags.cutterError) |
      set(5, flags.unrecoverableError) |
      set(6, flags.autoRecoverableError),
    // A sensor that reports paper end also reports near end (devices.md: paper out = 0x7E).
    0x12 | (flags.paperNearEnd || flags.paperOut ? 0x0c : 0) | (flags.paperOut ? 0x60 : 0),
  ];
}

/** First byte of a 4-byte Automatic Status Back block (receiptio's masks, devices.md §2.6). */
export const isAsbHeader = (value: number): boolean => (value & 0x93) === 0x10;
/** Bytes 2..4 of an ASB block have bits 4 and 7 clear. */
export const isAsbTail = (value: number): boolean => (value & 0x90) === 0;

/** Decode a 4-byte ASB block. */
export function decodeAsb(block: readonly [number, number, number, number]): PrinterStatus {
  const [b1, b2, b3] = block;
  return statusOf({
    drawerHigh: bit(b1, 2),
    offline: bit(b1, 3),
    coverOpen: bit(b1, 5),
    feedButton: bit(b1, 6),
    mechanicalError: bit(b2, 2),
    cutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperOut: (b3 & 0x0c) !== 0,
  });
}

/** The ASB block a printer in this state pushes. */
export function encodeAsb(flags: PrinterFlags): [number, number, number, number] {
  const { offline } = derived(flags);
  return [
    0x10 | set(2, flags.drawerHigh) | set(3, offline) | set(5, flags.coverOpen) | set(6, flags.feedButton),
    set(2, flags.mechanicalError) |
      set(3, flags.cutterError) |
      set(5, flags.unrecoverableError) |
      set(6, flags.autoRecoverableError),
    (flags.paperNearEnd || flags.paperOut ? 0x03 : 0) | (flags.paperOut ? 0x0c : 0),
    0,
  ];
}

/** A GS r 1 reply: bits 4 and 7 clear; bits 0+1 paper near end, bits 2+3 paper end. */
export const isPaperStatusByte = (value: number): boolean => (value & 0x90) === 0;

export interface PaperSensor {
  readonly nearEnd: boolean;
  readonly paperOut: boolean;
}

export const decodePaperStatus = (value: number): PaperSensor => ({
  nearEnd: (value & 0x03) !== 0,
  paperOut: (value & 0x0c) !== 0,
});

export const encodePaperStatus = (sensor: PaperSensor): number =>
  (sensor.nearEnd || sensor.paperOut ? 0x03 : 0) | (sensor.paperOut ? 0x0c : 0);
