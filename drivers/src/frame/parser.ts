/**
 * Stream framer for a FrameProfile (devices.md §5.2): buffers chunks, resyncs on the header, reads LEN, checks
 * the checksum and trailer, and emits frames or the bytes it had to throw away.
 *
 *   chunks --push()--> [buffer <= maxFrameSize] --> {kind:"frame"} | {kind:"discarded"}
 *                         ^ flush() on an idle line drops a stuck partial frame
 */
import { decodeFrame, frameSize, lenOffset, maxFrameSize, readLen, type Frame, type FrameProfile } from "./codec.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";

/** Why bytes were discarded. */
export type DiscardReason = "no-header" | "bad-length" | "bad-checksum" | "bad-trailer" | "incomplete";

/** What the parser emits. Adjacent discarded bytes are merged into one event. */
export type FrameParserEvent =
  | { readonly kind: "frame"; readonly frame: Frame; readonly raw: Uint8Array }
  | { readonly kind: "discarded"; readonly bytes: Uint8Array; readonly reason: DiscardReason };

/** Push-style framer; never throws on input and never holds more than `maxFrameSize(profile)` bytes. */
export class FrameParser {
  private buffer = new Uint8Array(0);
  private readonly minSize: number;
  private readonly maxSize: number;

  constructor(private readonly profile: FrameProfile) {
    this.minSize = frameSize(profile, 0);
    this.maxSize = maxFrameSize(profile);
  }

  /** Bytes currently held (always < maxFrameSize after push returns). */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Feed one received chunk; returns every event it completes. */
  push(chunk: Uint8Array): FrameParserEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    return this.drain(false);
  }

  /**
   * The line went idle (devices.md §5.2: frames are separated by >= 3.5 character times): whatever partial
   * frame is left can never complete, so drop its first byte, rescan for frames hidden inside it, and drop the rest.
   */
  flush(): FrameParserEvent[] {
    return this.drain(true);
  }

  private drain(idle: boolean): FrameParserEvent[] {
    const events: FrameParserEvent[] = [];
    const discard = (count: number, reason: DiscardReason): void => {
      const bytes = this.buffer.slice(0, count);
      this.buffer = this.buffer.slice(count);
      const last = events.at(-1);
      if (last?.kind === "discarded") {
        const merged = new Uint8Array(last.bytes.length + bytes.length);
        merged.set(last.bytes);
        merged.set(bytes, last.bytes.length);
        events[events.length - 1] = { kind: "discarded", bytes: merged, reason: last.reason };
      } else events.push({ kind: "discarded", bytes, reason });
    };
    for (;;) {
      const start = this.findHeader();
      if (start > 0) discard(start, "no-header");
      if (this.buffer.length === 0) break;
      const lo = lenOffset(this.profile);
      if (this.buffer.length < Math.max(this.minSize, lo + this.profile.lenBytes)) {
        if (idle) discard(this.buffer.length, "incomplete");
        break;
      }
      const len = readLen(this.profile, this.buffer, lo);
      if (len > this.profile.maxDataLength) {
        discard(1, "bad-length");
        continue;
      }
      const size = frameSize(this.profile, len);
      if (this.buffer.length < size) {
        if (!idle) break;
        // A header lookalike with a long LEN would otherwise hide the real frames behind it forever.
        discard(1, "incomplete");
        continue;
      }
      const raw = this.buffer.slice(0, size);
      try {
        const frame = decodeFrame(this.profile, raw);
        this.buffer = this.buffer.slice(size);
        events.push({ kind: "frame", frame, raw });
      } catch (error) {
        const reason: DiscardReason =
          isDriverError(error) && error.code === DriverErrorCode.BadChecksum ? "bad-checksum" : "bad-trailer";
        discard(1, reason);
      }
    }
    // Invariant kept by the LEN bound: a partial frame is always shorter than the largest frame.
    if (this.buffer.length >= this.maxSize) discard(this.buffer.length, "incomplete");
    return events;
  }

  /** Index of the first full header, or of a header prefix that reaches the end of the buffer. */
  private findHeader(): number {
    const header = this.profile.header;
    const buf = this.buffer;
    outer: for (let i = 0; i < buf.length; i++) {
      for (let k = 0; k < header.length && i + k < buf.length; k++) if (buf[i + k] !== header[k]) continue outer;
      return i;
    }
    return buf.length;
  }
}
