/**
 * Data of the read replies (devices.md §1.5). Pure.
 *
 *   30 01: TL(2,BE) PL(2,BE)        | text (TL=256) | photo (PL=1024)
 *   30 10: TL(2,BE) PL(2,BE) FL(2,BE) | text | photo | fingerprint (FL = 0, 512 or 1024)
 *   30 03: appended address, UCS-2LE (70 bytes, 35 characters)
 */
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import { TEXT_LENGTH, decodeCardText, type CardText } from "./cardText.ts";
import { readUcs2, trimPadding, writeUcs2 } from "./ucs2.ts";

/** Size of the WLT photo, an opaque blob only vendor libraries decode (§1.8). */
export const PHOTO_LENGTH = 1024;
/** Size of the appended address: 35 UCS-2 characters. */
export const APPENDED_ADDRESS_LENGTH = 70;
/** Fingerprint sizes a card may carry (FL), §1.5. */
export const FINGERPRINT_LENGTHS: readonly number[] = [0, 512, 1024];

/** One card read: the decoded text, the opaque photo and, for 30 10 reads, the fingerprint bytes (maybe empty). */
export interface CardRead {
  readonly card: CardText;
  readonly photo: Uint8Array;
  readonly fingerprint?: Uint8Array;
}

const u16 = (data: Uint8Array, at: number): number => ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);

/**
 * Decode the data of a 30 01 (withFingerprint false) or 30 10 reply. Throws DriverError BadPayload when the
 * declared lengths are not 256 / 1024 / {0,512,1024} or do not add up to the data size.
 */
export function decodeReadPayload(data: Uint8Array, withFingerprint: boolean): CardRead {
  const head = withFingerprint ? 6 : 4;
  const tl = u16(data, 0);
  const pl = u16(data, 2);
  const fl = withFingerprint ? u16(data, 4) : 0;
  if (data.length < head || tl !== TEXT_LENGTH || pl !== PHOTO_LENGTH || !FINGERPRINT_LENGTHS.includes(fl))
    throw new DriverError(DriverErrorCode.BadPayload, "read reply has unexpected text/photo/fingerprint lengths", {
      tl,
      pl,
      fl,
    });
  if (data.length !== head + tl + pl + fl)
    throw new DriverError(
      DriverErrorCode.BadPayload,
      `read reply data is ${data.length} bytes, expected ${head + tl + pl + fl}`,
    );
  const card = decodeCardText(data.subarray(head, head + tl));
  const photo = data.slice(head + tl, head + tl + pl);
  return withFingerprint ? { card, photo, fingerprint: data.slice(head + tl + pl) } : { card, photo };
}

/** Encode read-reply data (the virtual reader's side). `fingerprint` is only written when `withFingerprint`. */
export function encodeReadPayload(
  text: Uint8Array,
  photo: Uint8Array,
  withFingerprint: boolean,
  fingerprint: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const fp = withFingerprint ? fingerprint : new Uint8Array(0);
  const head = withFingerprint ? 6 : 4;
  const out = new Uint8Array(head + text.length + photo.length + fp.length);
  const lengths = withFingerprint ? [text.length, photo.length, fp.length] : [text.length, photo.length];
  lengths.forEach((n, i) => {
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  out.set(text, head);
  out.set(photo, head + text.length);
  out.set(fp, head + text.length + photo.length);
  return out;
}

/** Decode the appended-address data of a 30 03 reply (UCS-2LE, space/NUL padded). Never throws. */
export function decodeAppendedAddress(data: Uint8Array): string {
  return trimPadding(readUcs2(data, 0, data.length));
}

/** Encode an appended address into 70 bytes of UCS-2LE (cut or space-padded to 35 characters). */
export function encodeAppendedAddress(address: string): Uint8Array {
  const out = new Uint8Array(APPENDED_ADDRESS_LENGTH);
  writeUcs2(out, 0, APPENDED_ADDRESS_LENGTH, address);
  return out;
}

/** The fields of the 16-byte SAM management info (12 FF reply), as HslCommunication reads them (§1.5). */
export interface SamIdParts {
  readonly major: number;
  readonly minor: number;
  readonly parts: readonly [number, number, number];
}

/** Encode SAM id parts: byte 0 major, byte 2 minor, then three uint32 little-endian at 4, 8 and 12. */
export function encodeSamId(id: SamIdParts): Uint8Array {
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  out[0] = id.major;
  out[2] = id.minor;
  id.parts.forEach((part, i) => view.setUint32(4 + 4 * i, part >>> 0, true));
  return out;
}

/**
 * Format 12 FF data as the SDKs print it, e.g. "05.01-20260101-0000012345-0000067890" (zero-padding widths
 * vary between vendors, §1.5). Throws DriverError BadPayload when the data is shorter than 16 bytes.
 */
export function formatSamId(data: Uint8Array): string {
  if (data.length < 16)
    throw new DriverError(DriverErrorCode.BadPayload, `SAM id is ${data.length} bytes, expected 16`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const d2 = (n: number): string => String(n).padStart(2, "0");
  const u32 = (at: number, width: number): string => String(view.getUint32(at, true)).padStart(width, "0");
  return `${d2(data[0] ?? 0)}.${d2(data[2] ?? 0)}-${u32(4, 8)}-${u32(8, 10)}-${u32(12, 10)}`;
}
