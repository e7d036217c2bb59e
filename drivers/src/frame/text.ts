/**
 * Text <-> bytes for frame payloads (GB18030 by default), kept out of the pure codecs so they take a `TextCodec`.
 * Encoding refuses text the charset cannot carry instead of silently printing "?" on a window strip.
 */
import iconv from "iconv-lite";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { TextEncoding } from "./codec.ts";

/** Converts display text for one charset. `encode` throws DriverError(BadPayload) for unrepresentable text. */
export interface TextCodec {
  readonly encoding: TextEncoding;
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

// Text on the wire is data: a leading U+FEFF is a character the sender sent, not a byte-order mark to drop.
const KEEP_BOM = { stripBOM: false };

/** A TextCodec for `encoding` backed by iconv-lite. */
export function createTextCodec(encoding: TextEncoding): TextCodec {
  return {
    encoding,
    encode(text) {
      if (encoding === "ascii" && !/^[\x20-\x7e]*$/.test(text))
        throw new DriverError(DriverErrorCode.BadPayload, `text is not printable ASCII: ${JSON.stringify(text)}`);
      const bytes = iconv.encode(text, encoding);
      // iconv-lite substitutes "?" for characters outside the charset; a round trip detects it.
      if (iconv.decode(bytes, encoding, KEEP_BOM) !== text)
        throw new DriverError(DriverErrorCode.BadPayload, `text cannot be encoded in ${encoding}`, { text });
      return new Uint8Array(bytes);
    },
    decode(bytes) {
      return iconv.decode(Buffer.from(bytes), encoding, KEEP_BOM);
    },
  };
}
