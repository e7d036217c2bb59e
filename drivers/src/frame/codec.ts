/**
 * The configurable keypad / LED frame of devices.md §5.2, as data (a profile) plus pure encode/decode.
 *
 *   HEADER… | [ADDR] | [CMD] | FIELDS… | LEN | DATA[LEN] | CHK | TRAILER…
 *
 * The default profile is the project convention `AA ADDR CMD LEN DATA CHK 55`, xor8 over ADDR..DATA. A vendor's
 * framing drops in as another profile, e.g. the P7 LED strip `F0 01 D0 line mode speed LEN colour+text sum8`.
 */
import { z } from "zod";
import { crc16Modbus, sum8, xor8 } from "../core/checksums.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";

/** Checksum algorithms a profile may name. crc16-modbus is written little-endian (low byte first). */
export type ChecksumKind = "xor8" | "sum8" | "crc16-modbus";
/** Text encodings a profile may name; the conversion itself lives in `text.ts` (iconv-lite). */
export type TextEncoding = "gb18030" | "gb2312" | "ascii" | "utf8";

const byte = z.number().int().min(0).max(255);

/** Runtime schema of a frame profile; `parseFrameProfile` turns violations into one clear DriverError. */
export const frameProfileSchema = z
  .object({
    name: z.string().min(1),
    header: z.array(byte).min(1).max(8),
    trailer: z.array(byte).max(8).default([]),
    /** One address byte right after the header (0x00 = broadcast). */
    hasAddress: z.boolean(),
    /** One command byte after the address. */
    hasCommand: z.boolean(),
    /** Opaque bytes between ADDR/CMD and LEN (P7: line, mode, speed). */
    fieldCount: z.number().int().min(0).max(16).default(0),
    lenBytes: z.union([z.literal(1), z.literal(2)]).default(1),
    lenEndian: z.enum(["le", "be"]).default("le"),
    /** Largest accepted LEN; the parser's buffer bound follows from it. */
    maxDataLength: z.number().int().min(0).max(4096).default(255),
    checksum: z.enum(["xor8", "sum8", "crc16-modbus"]),
    /** "body" = ADDR..DATA (after the header), "all" = HEADER..DATA. */
    checksumRange: z.enum(["body", "all"]),
    textEncoding: z.enum(["gb18030", "gb2312", "ascii", "utf8"]).default("gb18030"),
  })
  .refine((p) => p.lenBytes === 2 || p.maxDataLength <= 255, {
    message: "maxDataLength above 255 needs lenBytes 2",
    path: ["maxDataLength"],
  });

/** A validated frame profile. */
export type FrameProfile = Readonly<z.output<typeof frameProfileSchema>>;

/**
 * Validate a profile from config. Throws DriverError(BadPayload) naming every bad field, e.g.
 * `invalid frame profile "x": header: Too small…`.
 */
export function parseFrameProfile(input: unknown): FrameProfile {
  const result = frameProfileSchema.safeParse(input);
  if (result.success) return result.data;
  const name = typeof input === "object" && input !== null && "name" in input ? String(input.name) : "?";
  const detail = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new DriverError(DriverErrorCode.BadPayload, `invalid frame profile "${name}": ${detail}`, {
    issues: result.error.issues,
  });
}

/** devices.md §5.2 default: `AA ADDR CMD LEN DATA CHK 55`, xor8 over ADDR..DATA, GB18030 text. */
export const defaultFrameProfile: FrameProfile = parseFrameProfile({
  name: "onewindow-default",
  header: [0xaa],
  trailer: [0x55],
  hasAddress: true,
  hasCommand: true,
  checksum: "xor8",
  checksumRange: "body",
});

/** The public Python LED strip SDK of devices.md §5.1 [P7]: no ADDR/CMD, sum8 over every previous byte, GB2312. */
export const p7LedProfile: FrameProfile = parseFrameProfile({
  name: "p7-led",
  header: [0xf0, 0x01, 0xd0],
  trailer: [],
  hasAddress: false,
  hasCommand: false,
  fieldCount: 3,
  checksum: "sum8",
  checksumRange: "all",
  textEncoding: "gb2312",
});

/** One decoded frame. `address`/`command` are present exactly when the profile has them. */
export interface Frame {
  readonly address?: number;
  readonly command?: number;
  /** The profile's opaque pre-LEN bytes; empty when `fieldCount` is 0. */
  readonly fields?: Uint8Array;
  readonly data: Uint8Array;
}

export { crc16Modbus, sum8, xor8 };

/** Checksum bytes as they appear on the wire for `kind` (crc16 low byte first). */
export function checksumBytes(kind: ChecksumKind, bytes: Uint8Array): Uint8Array {
  switch (kind) {
    case "xor8":
      return Uint8Array.of(xor8(bytes));
    case "sum8":
      return Uint8Array.of(sum8(bytes));
    case "crc16-modbus": {
      const crc = crc16Modbus(bytes);
      return Uint8Array.of(crc & 0xff, crc >>> 8);
    }
  }
}

/** Length in bytes of the checksum for `kind`. */
export const checksumLength = (kind: ChecksumKind): number => (kind === "crc16-modbus" ? 2 : 1);

/** Offset of the LEN field from the start of the frame. */
export const lenOffset = (p: FrameProfile): number =>
  p.header.length + (p.hasAddress ? 1 : 0) + (p.hasCommand ? 1 : 0) + p.fieldCount;

/** Total frame size for a given data length. */
export const frameSize = (p: FrameProfile, dataLength: number): number =>
  lenOffset(p) + p.lenBytes + dataLength + checksumLength(p.checksum) + p.trailer.length;

/** Largest frame the profile accepts; the parser never buffers more than this. */
export const maxFrameSize = (p: FrameProfile): number => frameSize(p, p.maxDataLength);

/** Read the LEN field at `offset` (which must be in range). */
export function readLen(p: FrameProfile, bytes: Uint8Array, offset: number): number {
  const a = bytes[offset] ?? 0;
  if (p.lenBytes === 1) return a;
  const b = bytes[offset + 1] ?? 0;
  return p.lenEndian === "le" ? a | (b << 8) : (a << 8) | b;
}

function requireByte(value: number | undefined, what: string, profile: FrameProfile): number {
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > 255)
    throw new DriverError(DriverErrorCode.BadPayload, `${what} must be a byte for profile ${profile.name}`, {
      value,
    });
  return value;
}

/** Encode `frame` under `profile`. Throws DriverError(BadPayload | Oversize) for a frame the profile cannot carry. */
export function encodeFrame(profile: FrameProfile, frame: Frame): Uint8Array {
  const fields = frame.fields ?? new Uint8Array(0);
  if (fields.length !== profile.fieldCount)
    throw new DriverError(
      DriverErrorCode.BadPayload,
      `profile ${profile.name} needs ${profile.fieldCount} field bytes, got ${fields.length}`,
    );
  if (frame.data.length > profile.maxDataLength)
    throw new DriverError(
      DriverErrorCode.Oversize,
      `data of ${frame.data.length} bytes exceeds ${profile.maxDataLength} for profile ${profile.name}`,
    );
  const out = new Uint8Array(frameSize(profile, frame.data.length));
  let i = 0;
  for (const b of profile.header) out[i++] = b;
  if (profile.hasAddress) out[i++] = requireByte(frame.address, "address", profile);
  if (profile.hasCommand) out[i++] = requireByte(frame.command, "command", profile);
  out.set(fields, i);
  i += fields.length;
  const len = frame.data.length;
  if (profile.lenBytes === 1) {
    out[i++] = len;
  } else {
    const [first, second] = profile.lenEndian === "le" ? [len & 0xff, len >>> 8] : [len >>> 8, len & 0xff];
    out[i++] = first;
    out[i++] = second;
  }
  out.set(frame.data, i);
  i += len;
  const from = profile.checksumRange === "body" ? profile.header.length : 0;
  const chk = checksumBytes(profile.checksum, out.subarray(from, i));
  out.set(chk, i);
  i += chk.length;
  out.set(profile.trailer, i);
  return out;
}

/**
 * Decode exactly one complete frame. Throws DriverError: BadLength when the byte count does not match LEN,
 * Oversize when LEN exceeds the profile, BadChecksum, or BadPayload for a wrong header/trailer.
 */
export function decodeFrame(profile: FrameProfile, bytes: Uint8Array): Frame {
  const h = profile.header.length;
  if (bytes.length < frameSize(profile, 0))
    throw new DriverError(DriverErrorCode.BadLength, `frame of ${bytes.length} bytes is too short`);
  for (let k = 0; k < h; k++)
    if (bytes[k] !== profile.header[k]) throw new DriverError(DriverErrorCode.BadPayload, "frame header mismatch");
  const lo = lenOffset(profile);
  const len = readLen(profile, bytes, lo);
  if (len > profile.maxDataLength)
    throw new DriverError(DriverErrorCode.Oversize, `LEN ${len} exceeds ${profile.maxDataLength}`);
  if (bytes.length !== frameSize(profile, len))
    throw new DriverError(DriverErrorCode.BadLength, `LEN ${len} does not match a ${bytes.length}-byte frame`);
  const dataStart = lo + profile.lenBytes;
  const dataEnd = dataStart + len;
  const chkLen = checksumLength(profile.checksum);
  const from = profile.checksumRange === "body" ? h : 0;
  const expected = checksumBytes(profile.checksum, bytes.subarray(from, dataEnd));
  for (let k = 0; k < chkLen; k++)
    if (bytes[dataEnd + k] !== expected[k])
      throw new DriverError(DriverErrorCode.BadChecksum, "frame checksum mismatch", { profile: profile.name });
  for (let k = 0; k < profile.trailer.length; k++)
    if (bytes[dataEnd + chkLen + k] !== profile.trailer[k])
      throw new DriverError(DriverErrorCode.BadPayload, "frame trailer mismatch");
  let i = h;
  const address = profile.hasAddress ? bytes[i++] : undefined;
  const command = profile.hasCommand ? bytes[i++] : undefined;
  const fields = bytes.slice(i, i + profile.fieldCount);
  return {
    ...(address === undefined ? {} : { address }),
    ...(command === undefined ? {} : { command }),
    ...(profile.fieldCount > 0 ? { fields } : {}),
    data: bytes.slice(dataStart, dataEnd),
  };
}
