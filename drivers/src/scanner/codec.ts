/**
 * A barcode scanner in serial (USB-COM) mode sends each scan as one line of ASCII ended by CR, LF or CR LF (the
 * terminator is a scanner setting; all three are accepted). Pure: bytes in, scans and refusals out.
 *
 *   bytes --ScanLineParser--> { kind: "scan", code }         printable ASCII 0x20-0x7E, 1..maxLength characters
 *                         \--> { kind: "rejected", reason }   "garbage": a byte outside printable ASCII in the line
 *                                                             "oversize": longer than maxLength (rest dropped to EOL)
 *                                                             "unterminated": flush() found a partial line
 *
 * Empty lines (the LF of a CR LF, or a stray terminator) are no scans and are skipped.
 */

export const CR = 0x0d;
export const LF = 0x0a;

/** Longest scan by default: a QR code's text of a few hundred characters still fits. */
export const DEFAULT_MAX_SCAN_LENGTH = 256;

/** Why a line was thrown away. */
export type ScanRejectReason = "garbage" | "oversize" | "unterminated";

export type ScanLineEvent =
  | { readonly kind: "scan"; readonly code: string }
  | {
      readonly kind: "rejected";
      readonly reason: ScanRejectReason;
      /** A plain sentence for logs and the agent, never the line's content. */
      readonly message: string;
      /** Bytes thrown away. */
      readonly length: number;
    };

const printable = (byte: number): boolean => byte >= 0x20 && byte <= 0x7e;

/** Line framer for a serial scanner; keeps at most `maxLength` bytes of one line. */
export class ScanLineParser {
  private line: number[] = [];
  private oversize = 0;

  constructor(private readonly maxLength = DEFAULT_MAX_SCAN_LENGTH) {
    if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be >= 1, got ${maxLength}`);
  }

  /** Bytes of an unfinished line held. */
  get buffered(): number {
    return this.line.length + this.oversize;
  }

  push(chunk: Uint8Array): ScanLineEvent[] {
    const events: ScanLineEvent[] = [];
    for (const byte of chunk) {
      if (byte === CR || byte === LF) {
        const event = this.endLine();
        if (event) events.push(event);
      } else if (this.oversize > 0 || this.line.length >= this.maxLength) {
        // Too long already: keep counting to the terminator, keep nothing.
        this.oversize += this.line.length + 1;
        this.line = [];
      } else this.line.push(byte);
    }
    return events;
  }

  /** Give up on a partial line (the scanner went quiet mid-line); returns its refusal, if there was one. */
  flush(): ScanLineEvent[] {
    const length = this.buffered;
    this.line = [];
    this.oversize = 0;
    if (length === 0) return [];
    return [
      { kind: "rejected", reason: "unterminated", message: `a ${length}-byte line ended without CR or LF`, length },
    ];
  }

  private endLine(): ScanLineEvent | undefined {
    const line = this.line;
    const oversize = this.oversize;
    this.line = [];
    this.oversize = 0;
    if (oversize > 0)
      return {
        kind: "rejected",
        reason: "oversize",
        message: `a ${oversize}-byte line is longer than the ${this.maxLength} characters a scan may have`,
        length: oversize,
      };
    if (line.length === 0) return undefined;
    const bad = line.findIndex((byte) => !printable(byte));
    if (bad >= 0)
      return {
        kind: "rejected",
        reason: "garbage",
        message: `a ${line.length}-byte line holds byte 0x${line[bad]!.toString(16).padStart(2, "0")} at ${bad}, not printable ASCII`,
        length: line.length,
      };
    return { kind: "scan", code: String.fromCharCode(...line) };
  }
}

/** The bytes a scanner sends for `code` with `terminator` (the virtual scanner's side). Throws for non-ASCII. */
export function encodeScan(code: string, terminator: "\r" | "\n" | "\r\n" = "\r\n"): Uint8Array {
  const bytes = Uint8Array.from([...(code + terminator)].map((c) => c.charCodeAt(0)));
  if (bytes.some((b) => b > 0x7e)) throw new RangeError("a serial scanner sends ASCII only");
  return bytes;
}
