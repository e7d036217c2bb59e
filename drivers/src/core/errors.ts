/**
 * One error type for every driver, with a code grouped by range (STYLE.md §5):
 * framing 0-99, transport 100-199, device 200-299.
 */
export const DriverErrorCode = {
  // framing 0-99
  BadChecksum: 1,
  BadLength: 2,
  UnknownCommand: 3,
  Oversize: 4,
  BadPayload: 5,
  // transport 100-199
  NotOpen: 100,
  Disconnected: 101,
  Timeout: 102,
  WriteFailed: 103,
  OpenFailed: 104,
  Cancelled: 105,
  // device 200-299
  DeviceStatus: 200,
  PaperOut: 201,
  CoverOpen: 202,
  CutterError: 203,
  Offline: 204,
  NoCard: 210,
  CardReadFailed: 211,
  InvalidIdNumber: 212,
  CardSelectFailed: 213,
  CardAuthFailed: 214,
  SamFault: 215,
  NoContent: 216,
  NotAcknowledged: 220,
  Busy: 221,
} as const;
export type DriverErrorCode = (typeof DriverErrorCode)[keyof typeof DriverErrorCode];

const codeNames = new Map<number, string>(Object.entries(DriverErrorCode).map(([name, code]) => [code, name]));

/** A typed driver failure. `disconnected` and `cancelled` are flags, as in serialport's DisconnectedError. */
export class DriverError extends Error {
  readonly code: DriverErrorCode;
  readonly context: Readonly<Record<string, unknown>>;
  readonly disconnected: boolean;
  readonly cancelled: boolean;

  constructor(code: DriverErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.name = "DriverError";
    this.code = code;
    this.context = context;
    this.disconnected = code === DriverErrorCode.Disconnected;
    this.cancelled = code === DriverErrorCode.Cancelled;
  }

  /** The code's symbolic name, e.g. "PaperOut", for logs and health reasons. */
  get codeName(): string {
    return codeNames.get(this.code) ?? String(this.code);
  }
}

/** Guard for DriverError, also across realms where instanceof fails. */
export function isDriverError(value: unknown): value is DriverError {
  return value instanceof DriverError || (value instanceof Error && value.name === "DriverError" && "code" in value);
}
