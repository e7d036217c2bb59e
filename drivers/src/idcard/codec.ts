/**
 * Byte-exact codec for the SAM serial protocol of Chinese 2nd-generation ID-card readers (devices.md §1.2-1.4).
 *
 *   host -> reader:  AA AA AA 96 69 | Len(2, BE) | CMD | Para | Data... | XOR
 *   reader -> host:  AA AA AA 96 69 | Len(2, BE) | SW1 | SW2 | SW3 | Data... | XOR
 *
 * Len counts every byte after itself (body + checksum); the XOR covers Len1 through the last data byte.
 * Pure: no I/O.
 */
import { xor8 } from "../core/checksums.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";

/** The five-byte frame start: three sync bytes and the `96 69` start mark. */
export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** Bytes before the body: preamble plus the two length bytes. */
export const HEADER_LENGTH = 7;
/** Largest frame on the wire: read text + photo + 1024-byte fingerprint (§1.5, Len 0x090A). */
export const MAX_FRAME_LENGTH = 2321;
/** Smallest legal Len: CMD + Para + CHK of a request (a reply needs at least 4). */
export const MIN_LEN = 3;

/** A request command: CMD and Para bytes. */
export interface CommandCode {
  readonly cmd: number;
  readonly para: number;
}

/** Every command of §1.3, by name. */
export const IdCardCommand = {
  ResetSam: { cmd: 0x10, para: 0xff },
  SamStatus: { cmd: 0x11, para: 0xff },
  SamId: { cmd: 0x12, para: 0xff },
  FindCard: { cmd: 0x20, para: 0x01 },
  SelectCard: { cmd: 0x20, para: 0x02 },
  ReadTextPhoto: { cmd: 0x30, para: 0x01 },
  ReadAppendedAddress: { cmd: 0x30, para: 0x03 },
  ReadTextPhotoFingerprint: { cmd: 0x30, para: 0x10 },
  SetBaud: { cmd: 0x60, para: 0x00 },
} as const satisfies Record<string, CommandCode>;
/** The name of a command in IdCardCommand. */
export type IdCardCommandName = keyof typeof IdCardCommand;

/** Para of the baud-switch command (60 xx), §1.1. */
export const BaudPara = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 } as const;
/** A baud rate the reader can switch to. */
export type ReaderBaudRate = keyof typeof BaudPara;

/** The command that switches the reader to `baud`. */
export function setBaudCommand(baud: ReaderBaudRate): CommandCode {
  return { cmd: IdCardCommand.SetBaud.cmd, para: BaudPara[baud] };
}

/** The name of a known command, or undefined for anything else (the reader answers those with SW3 21). */
export function commandName(code: CommandCode): IdCardCommandName | undefined {
  if (code.cmd === IdCardCommand.SetBaud.cmd) return code.para <= 0x04 ? "SetBaud" : undefined;
  for (const [name, known] of Object.entries(IdCardCommand)) {
    if (known.cmd === code.cmd && known.para === code.para) return name as IdCardCommandName;
  }
  return undefined;
}

/** A decoded host -> reader frame. */
export interface IdCardRequest extends CommandCode {
  readonly data: Uint8Array;
}

/** A decoded reader -> host frame. */
export interface IdCardReply {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

/** XOR of every byte in `bytes` (the protocol's CHK_SUM over Len1..last data byte). */
export const xorChecksum = xor8;

/** Wrap a body (CMD..Data or SW1..Data) into a full frame with preamble, big-endian Len and checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_FRAME_LENGTH - HEADER_LENGTH)
    throw new DriverError(DriverErrorCode.Oversize, `frame body of ${body.length} bytes is too long`, { len });
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame.subarray(5, frame.length - 1));
  return frame;
}

/** The request frame for `command` with optional data. */
export function encodeRequest(command: CommandCode, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = command.cmd;
  body[1] = command.para;
  body.set(data, 2);
  return encodeFrame(body);
}

/** The reply frame a reader sends (used by the virtual reader and by golden tests). */
export function encodeReply(reply: { sw3: number; sw1?: number; sw2?: number; data?: Uint8Array }): Uint8Array {
  const data = reply.data ?? new Uint8Array(0);
  const body = new Uint8Array(3 + data.length);
  body[0] = reply.sw1 ?? 0;
  body[1] = reply.sw2 ?? 0;
  body[2] = reply.sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/**
 * Check one complete frame and return its body (the bytes between Len and CHK).
 * Throws DriverError BadPayload (no preamble), BadLength (Len disagrees with the size or is below MIN_LEN),
 * Oversize, or BadChecksum.
 */
export function decodeFrame(frame: Uint8Array): Uint8Array {
  for (let i = 0; i < PREAMBLE.length; i++) {
    if (frame[i] !== PREAMBLE[i])
      throw new DriverError(DriverErrorCode.BadPayload, "frame does not start with AA AA AA 96 69");
  }
  if (frame.length > MAX_FRAME_LENGTH)
    throw new DriverError(DriverErrorCode.Oversize, `frame of ${frame.length} bytes`, { length: frame.length });
  const len = frame.length >= HEADER_LENGTH ? ((frame[5] ?? 0) << 8) | (frame[6] ?? 0) : -1;
  if (len < MIN_LEN || frame.length !== HEADER_LENGTH + len)
    throw new DriverError(DriverErrorCode.BadLength, `length field ${len} does not fit a ${frame.length}-byte frame`, {
      len,
      length: frame.length,
    });
  const expected = xorChecksum(frame.subarray(5, frame.length - 1));
  const actual = frame[frame.length - 1];
  if (expected !== actual)
    throw new DriverError(DriverErrorCode.BadChecksum, "frame checksum mismatch", { expected, actual });
  return frame.subarray(HEADER_LENGTH, frame.length - 1);
}

/** Decode a host -> reader frame (what the virtual reader receives). Same errors as decodeFrame. */
export function decodeRequest(frame: Uint8Array): IdCardRequest {
  const body = decodeFrame(frame);
  return { cmd: body[0] ?? 0, para: body[1] ?? 0, data: body.slice(2) };
}

/** Decode a reader -> host frame. Same errors as decodeFrame, plus BadLength when there is no room for SW1-SW3. */
export function decodeReply(frame: Uint8Array): IdCardReply {
  const body = decodeFrame(frame);
  if (body.length < 3)
    throw new DriverError(DriverErrorCode.BadLength, "reply shorter than SW1 SW2 SW3", { body: body.length });
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.slice(3) };
}

/** Reader status byte SW3 (§1.4), by name. */
export const Sw3 = {
  Success: 0x90,
  NoContent: 0x91,
  CardFound: 0x9f,
  ChecksumError: 0x10,
  LengthError: 0x11,
  CommandError: 0x21,
  Unauthorized: 0x23,
  Unrecognised: 0x24,
  CardRejectedReader: 0x31,
  ReaderRejectedCard: 0x32,
  VerificationError: 0x33,
  WrongCardType: 0x40,
  ReadFailed: 0x41,
  RandomFailed: 0x47,
  SamSelfTestFailed: 0x60,
  SamNotAuthorised: 0x66,
  FindFailed: 0x80,
  SelectFailed: 0x81,
} as const;
/** A known SW3 name, or "Unknown" for a byte outside the table. */
export type Sw3Name = keyof typeof Sw3 | "Unknown";

/** The typed reader status carried by a reply. */
export interface ReaderStatus {
  readonly name: Sw3Name;
  readonly sw3: number;
  /** True for 90, 91 and 9F: the reader did what was asked (91 = nothing stored for this item). */
  readonly ok: boolean;
  readonly meaning: string;
}

const sw3Meaning: Record<keyof typeof Sw3, string> = {
  Success: "success",
  NoContent: "the card has no content for this item",
  CardFound: "card found",
  ChecksumError: "the reader received a frame with a bad checksum",
  LengthError: "the reader received a frame with a bad length",
  CommandError: "command error (bad value or combination)",
  Unauthorized: "unauthorized operation",
  Unrecognised: "unrecognised error",
  CardRejectedReader: "the card failed to authenticate the reader",
  ReaderRejectedCard: "the reader failed to authenticate the card",
  VerificationError: "information verification error",
  WrongCardType: "wrong or unrecognised card type",
  ReadFailed: "card read failed",
  RandomFailed: "get-random-number failed",
  SamSelfTestFailed: "SAM self-test failed; it accepts no commands",
  SamNotAuthorised: "SAM not authorised",
  FindFailed: "no card found",
  SelectFailed: "select card failed",
};

const sw3Names = new Map<number, keyof typeof Sw3>(
  Object.entries(Sw3).map(([name, code]) => [code, name as keyof typeof Sw3]),
);

/** Classify an SW3 byte. Never throws; unknown bytes become name "Unknown". */
export function readerStatus(sw3: number): ReaderStatus {
  const name = sw3Names.get(sw3);
  if (!name)
    return { name: "Unknown", sw3, ok: false, meaning: `unknown status 0x${sw3.toString(16).padStart(2, "0")}` };
  return {
    name,
    sw3,
    ok: sw3 === Sw3.Success || sw3 === Sw3.NoContent || sw3 === Sw3.CardFound,
    meaning: sw3Meaning[name],
  };
}

const sw3ErrorCode: Partial<Record<Sw3Name, DriverErrorCode>> = {
  NoContent: DriverErrorCode.NoContent,
  ChecksumError: DriverErrorCode.BadChecksum,
  LengthError: DriverErrorCode.BadLength,
  CommandError: DriverErrorCode.UnknownCommand,
  CardRejectedReader: DriverErrorCode.CardAuthFailed,
  ReaderRejectedCard: DriverErrorCode.CardAuthFailed,
  VerificationError: DriverErrorCode.CardAuthFailed,
  WrongCardType: DriverErrorCode.CardReadFailed,
  ReadFailed: DriverErrorCode.CardReadFailed,
  RandomFailed: DriverErrorCode.CardReadFailed,
  SamSelfTestFailed: DriverErrorCode.SamFault,
  SamNotAuthorised: DriverErrorCode.SamFault,
  FindFailed: DriverErrorCode.NoCard,
  SelectFailed: DriverErrorCode.CardSelectFailed,
};

/**
 * The DriverError for a reply whose status is not what `command` expected. Context carries sw1-sw3, the status
 * name and the command. Unmapped statuses (23, 24, unknown bytes, or a success byte where another was due) become
 * DeviceStatus.
 */
export function statusError(reply: Pick<IdCardReply, "sw1" | "sw2" | "sw3">, command: string): DriverError {
  const status = readerStatus(reply.sw3);
  const code = sw3ErrorCode[status.name] ?? DriverErrorCode.DeviceStatus;
  return new DriverError(code, `${command}: ${status.meaning}`, {
    command,
    status: status.name,
    sw1: reply.sw1,
    sw2: reply.sw2,
    sw3: reply.sw3,
  });
}
