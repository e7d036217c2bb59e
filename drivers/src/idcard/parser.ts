/**
 * Stream framer for the SAM protocol (both directions share the framing, devices.md §1.2).
 *
 *   chunks (any split) --push()--> [buffer] --resync on AA AA AA 96 69--> Len (BE) --bound--> XOR --> events
 *                                     ^ flush() when a reply is overdue drops a stale partial frame
 *
 * Garbage before a preamble, frames whose Len is below 3 or above MAX_FRAME_LENGTH, and frames whose checksum
 * fails are reported as `discarded`. After a bad header or checksum only the preamble is dropped, so a valid frame
 * that started inside the rejected bytes is still found. The buffer never holds more than one maximal frame.
 *
 * A corrupted Len that is still in range (3..2314) makes push() wait for bytes that will never come, swallowing the
 * real replies behind it. Only the reader knows when the line has gone quiet, so it calls flush(): the stale frame
 * loses its preamble, the bytes after it are rescanned and every complete frame hidden there is still emitted.
 */
import { HEADER_LENGTH, MAX_FRAME_LENGTH, MIN_LEN, PREAMBLE, xorChecksum } from "./codec.ts";

/** Why bytes were dropped. */
export type DiscardReason = "garbage" | "bad-length" | "oversize" | "bad-checksum" | "incomplete";

/** What the parser emits: a checked frame (full bytes, body = between Len and CHK) or dropped bytes. */
export type ParserEvent =
  | { readonly kind: "frame"; readonly frame: Uint8Array; readonly body: Uint8Array }
  | { readonly kind: "discarded"; readonly bytes: Uint8Array; readonly reason: DiscardReason };

/** Options: `maxFrameLength` bounds the accepted frame (default 2321, the largest reply). */
export interface IdCardParserOptions {
  readonly maxFrameLength?: number;
}

function indexOfPreamble(buffer: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= buffer.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (buffer[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest tail of `buffer` that is a proper prefix of the preamble (kept while waiting). */
function preamblePrefixAtEnd(buffer: Uint8Array): number {
  for (let keep = Math.min(PREAMBLE.length - 1, buffer.length); keep > 0; keep--) {
    let match = true;
    for (let j = 0; j < keep; j++) if (buffer[buffer.length - keep + j] !== PREAMBLE[j]) match = false;
    if (match) return keep;
  }
  return 0;
}

/** Push-based framer: feed it every received chunk, get back the events that chunk completed. */
export class IdCardParser {
  private buffer = new Uint8Array(0);
  private readonly maxFrameLength: number;

  constructor(options: IdCardParserOptions = {}) {
    this.maxFrameLength = options.maxFrameLength ?? MAX_FRAME_LENGTH;
  }

  /** Bytes held while waiting for the rest of a frame (always below maxFrameLength). */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Drop any partial frame, e.g. after a disconnect. */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  /** Add a chunk and return every frame or discard it completed, in wire order. Never throws. */
  push(chunk: Uint8Array): ParserEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    return this.scan(joined, false);
  }

  /**
   * The line is quiet (a reply timed out, or a new request is about to go out), so no partial frame held now can
   * still complete. Drop each stale preamble as "incomplete", rescan the bytes behind it (a real frame that began
   * inside a bogus one is emitted) and discard the rest. Afterwards nothing is buffered. Never throws.
   */
  flush(): ParserEvent[] {
    return this.scan(this.buffer, true);
  }

  private scan(joined: Uint8Array, idle: boolean): ParserEvent[] {
    const events: ParserEvent[] = [];
    let pos = 0;
    for (;;) {
      const start = indexOfPreamble(joined, pos);
      if (start < 0) {
        const keep = idle ? 0 : preamblePrefixAtEnd(joined.subarray(pos));
        const end = joined.length - keep;
        if (end > pos) events.push({ kind: "discarded", bytes: joined.slice(pos, end), reason: "garbage" });
        pos = end;
        break;
      }
      if (start > pos) events.push({ kind: "discarded", bytes: joined.slice(pos, start), reason: "garbage" });
      pos = start;
      if (joined.length - pos < HEADER_LENGTH) {
        if (!idle) break;
        events.push(this.dropPreamble(joined, pos, "incomplete"));
        pos += PREAMBLE.length;
        continue;
      }
      const len = ((joined[pos + 5] ?? 0) << 8) | (joined[pos + 6] ?? 0);
      const total = HEADER_LENGTH + len;
      if (len < MIN_LEN || total > this.maxFrameLength) {
        events.push(this.dropPreamble(joined, pos, len < MIN_LEN ? "bad-length" : "oversize"));
        pos += PREAMBLE.length;
        continue;
      }
      if (joined.length - pos < total) {
        if (!idle) break;
        events.push(this.dropPreamble(joined, pos, "incomplete"));
        pos += PREAMBLE.length;
        continue;
      }
      const frame = joined.slice(pos, pos + total);
      if (xorChecksum(frame.subarray(5, total - 1)) !== frame[total - 1]) {
        events.push(this.dropPreamble(joined, pos, "bad-checksum"));
        pos += PREAMBLE.length;
        continue;
      }
      events.push({ kind: "frame", frame, body: frame.subarray(HEADER_LENGTH, total - 1) });
      pos += total;
    }
    this.buffer = joined.slice(pos);
    return events;
  }

  private dropPreamble(joined: Uint8Array, pos: number, reason: DiscardReason): ParserEvent {
    return { kind: "discarded", bytes: joined.slice(pos, pos + PREAMBLE.length), reason };
  }
}
