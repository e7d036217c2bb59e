/**
 * What kind of image a file is, by its first bytes (its "magic number"), never by its name or a header a client
 * sent. Pure.
 *
 *   JPEG: FF D8 FF            (SOI marker, then the first segment's marker; ITU-T T.81 B.1.1.3)
 *   PNG:  89 50 4E 47 0D 0A 1A 0A   (the PNG signature; PNG spec, 5.2)
 */

/** The image types a staff photo may be. */
export type ImageType = "image/jpeg" | "image/png";

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length > magic.length && magic.every((b, i) => bytes[i] === b);

/** "image/jpeg" or "image/png" when `bytes` starts with that format's signature (and has more), else undefined. */
export function imageTypeOf(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  if (startsWith(bytes, PNG)) return "image/png";
  return undefined;
}
