/**
 * What a link needs to know about the bytes on its wire: how to encode a frame and how to cut a byte stream into
 * frames. Serial devices use a FrameProfile; vendor-HID devices use fixed reports (`hidReport.ts`).
 */
import { encodeFrame, type Frame, type FrameProfile } from "./codec.ts";
import { FrameParser, type FrameParserEvent } from "./parser.ts";

/** A stream cutter: `push` per received chunk, `flush` when the line has been idle. Never throws on input. */
export interface StreamFramer {
  push(chunk: Uint8Array): FrameParserEvent[];
  flush(): FrameParserEvent[];
  readonly buffered: number;
}

/** Encoding + framing of one wire format. `corrupt` damages encoded bytes the way line noise would (for fault knobs). */
export interface Framing {
  readonly name: string;
  encode(frame: Frame): Uint8Array;
  createFramer(): StreamFramer;
  corrupt(bytes: Uint8Array): Uint8Array;
}

/** Framing for a serial FrameProfile; `corrupt` flips the first checksum byte. */
export function profileFraming(profile: FrameProfile): Framing {
  const checksumLength = profile.checksum === "crc16-modbus" ? 2 : 1;
  return {
    name: profile.name,
    encode: (frame) => encodeFrame(profile, frame),
    createFramer: () => new FrameParser(profile),
    corrupt(bytes) {
      const copy = bytes.slice();
      const at = copy.length - profile.trailer.length - checksumLength;
      copy[at] = (copy[at] ?? 0) ^ 0xff;
      return copy;
    },
  };
}
