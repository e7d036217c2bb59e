/**
 * Splits what a printer sends back into replies, pure (the host's side; decoder.ts is the printer's side).
 *
 *   transport "data" (chunks split or joined anyhow) --push--> PrinterReply[] --> driver waiters / status
 *
 * A printer answers with single bytes and short blocks that are told apart by their fixed bits (devices.md §2.6):
 *   DLE EOT n reply   1 byte   (b & 0x93) == 0x12
 *   ASB block         4 bytes  (b1 & 0x93) == 0x10, then three bytes with bits 4 and 7 clear
 *   GS r 1 reply      1 byte   (b & 0x90) == 0
 *   GS I 42/43 reply  5F <printable ASCII> 00
 * Anything else (XON/XOFF, line noise, a block cut short) comes out as "discarded" and parsing resyncs on the
 * next byte. Held-back bytes never exceed one ASB block or one ID block (maxIdLength).
 */
import {
  decodeAsb,
  decodePaperStatus,
  isAsbHeader,
  isAsbTail,
  isPaperStatusByte,
  isRealtimeStatusByte,
  type PaperSensor,
  type PrinterStatus,
} from "./status.ts";

export type PrinterReply =
  /** One DLE EOT reply; which class (1..4) it answers is known only to whoever asked. */
  | { readonly kind: "realtime"; readonly byte: number }
  | { readonly kind: "asb"; readonly block: readonly [number, number, number, number]; readonly status: PrinterStatus }
  | { readonly kind: "paper"; readonly byte: number; readonly sensor: PaperSensor }
  | { readonly kind: "id"; readonly text: string }
  | { readonly kind: "discarded"; readonly bytes: Uint8Array };

const ID_START = 0x5f;
const maxIdLength = 64;

export class PrinterReplyParser {
  private held: number[] = [];
  private idTooLong = false;

  push(chunk: Uint8Array): PrinterReply[] {
    const out: PrinterReply[] = [];
    const discarded: number[] = [];
    const flushDiscarded = () => {
      if (discarded.length > 0) out.push({ kind: "discarded", bytes: Uint8Array.from(discarded.splice(0)) });
    };
    const emit = (reply: PrinterReply) => {
      flushDiscarded();
      out.push(reply);
    };
    for (const value of chunk) {
      const held = this.held;
      if (held.length > 0 && held[0] === ID_START) {
        const printable = value >= 0x20 && value < 0x7f;
        if (this.idTooLong && (printable || value === 0)) {
          // Too long for an ID: drop the rest of the block up to its NUL rather than read its text as replies.
          discarded.push(value);
          if (value === 0) this.reset();
        } else if (!this.idTooLong && value === 0) {
          emit({ kind: "id", text: String.fromCharCode(...held.slice(1)) });
          this.reset();
        } else if (!this.idTooLong && printable) {
          if (held.length > maxIdLength) {
            discarded.push(...held, value);
            this.held = [ID_START];
            this.idTooLong = true;
          } else held.push(value);
        } else {
          if (!this.idTooLong) discarded.push(...held);
          this.reset();
          this.start(value, emit, discarded);
        }
        continue;
      }
      if (held.length > 0) {
        // Inside an ASB block.
        if (isAsbTail(value)) {
          held.push(value);
          if (held.length === 4) {
            const block = held as unknown as [number, number, number, number];
            emit({ kind: "asb", block, status: decodeAsb(block) });
            this.held = [];
          }
        } else {
          discarded.push(...held);
          this.held = [];
          this.start(value, emit, discarded);
        }
        continue;
      }
      this.start(value, emit, discarded);
    }
    flushDiscarded();
    return out;
  }

  /** Bytes waiting for the rest of an ASB or ID block. */
  get pendingBytes(): number {
    return this.held.length;
  }

  private reset(): void {
    this.held = [];
    this.idTooLong = false;
  }

  private start(value: number, emit: (reply: PrinterReply) => void, discarded: number[]): void {
    if (isRealtimeStatusByte(value)) emit({ kind: "realtime", byte: value });
    else if (isAsbHeader(value) || value === ID_START) this.held = [value];
    else if (isPaperStatusByte(value)) emit({ kind: "paper", byte: value, sensor: decodePaperStatus(value) });
    else discarded.push(value);
  }
}
