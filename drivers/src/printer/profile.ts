/**
 * Printer models as data: what a ticket layout and the driver need to know about one model. The shipped
 * profiles live in profiles.json; a station's config may carry its own, checked by `parsePrinterProfile`.
 */
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import shipped from "./profiles.json" with { type: "json" };

export interface PrinterProfile {
  readonly id: string;
  readonly name: string;
  /** Roll width: 58 or 80 mm. */
  readonly paperWidthMm: number;
  /** Printable width in dots (384 on 58 mm, 576 on 80 mm at 203 dpi). */
  readonly printWidthDots: number;
  /** Characters per line in font A at normal size (12 x 24 dots); a Chinese character takes two. */
  readonly columns: number;
  readonly dpi: number;
  /** Has Chinese fonts: text goes out in Chinese mode (FS &) as GB18030/GBK. Without, Chinese prints as "?". */
  readonly chinese: boolean;
  readonly chineseEncoding: "gb18030" | "gbk";
  /** Cutter: full, partial, or none (tear bar). */
  readonly cut: "full" | "partial" | "none";
  /** Cut with GS V 65/66 0 (feed to the cutter, then cut) rather than feeding `feedBeforeCut` lines first. */
  readonly cutFeed: boolean;
  readonly feedBeforeCut: number;
  /** Native QR (GS ( k). */
  readonly qr: boolean;
  readonly maxQrModuleSize: number;
  /** How status is read: DLE EOT, or not at all (write-only attachment: jobs cannot be confirmed). */
  readonly status: "dle-eot" | "none";
  /** Enable Automatic Status Back (GS a) so the printer pushes every status change. */
  readonly asb: boolean;
}

const fail = (message: string): never => {
  throw new DriverError(DriverErrorCode.BadPayload, `invalid printer profile: ${message}`);
};

const field = <T>(record: Record<string, unknown>, key: string, check: (value: unknown) => value is T): T => {
  const value = record[key];
  return check(value) ? value : fail(`${key} is ${JSON.stringify(value)}`);
};
const isString = (value: unknown): value is string => typeof value === "string" && value.length > 0;
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isCount =
  (min: number, max: number) =>
  (value: unknown): value is number =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
const isOneOf =
  <T extends string>(...options: T[]) =>
  (value: unknown): value is T =>
    typeof value === "string" && (options as string[]).includes(value);

/** Check an untrusted profile (station config, JSON file); throws DriverError(BadPayload) naming the bad field. */
export function parsePrinterProfile(id: string, value: unknown): PrinterProfile {
  if (typeof value !== "object" || value === null) return fail(`${id} is not an object`);
  const record = value as Record<string, unknown>;
  const profile: PrinterProfile = {
    id,
    name: field(record, "name", isString),
    paperWidthMm: field(record, "paperWidthMm", isCount(40, 120)),
    printWidthDots: field(record, "printWidthDots", isCount(128, 1024)),
    columns: field(record, "columns", isCount(16, 80)),
    dpi: field(record, "dpi", isCount(100, 400)),
    chinese: field(record, "chinese", isBoolean),
    chineseEncoding: field(record, "chineseEncoding", isOneOf("gb18030", "gbk")),
    cut: field(record, "cut", isOneOf("full", "partial", "none")),
    cutFeed: field(record, "cutFeed", isBoolean),
    feedBeforeCut: field(record, "feedBeforeCut", isCount(0, 20)),
    qr: field(record, "qr", isBoolean),
    maxQrModuleSize: field(record, "maxQrModuleSize", isCount(1, 16)),
    status: field(record, "status", isOneOf("dle-eot", "none")),
    asb: field(record, "asb", isBoolean),
  };
  if (profile.columns * 12 > profile.printWidthDots)
    fail(`${profile.columns} columns do not fit ${profile.printWidthDots} dots`);
  return profile;
}

/** The shipped profiles by id: generic-58, generic-80, gbk-80, kiosk-80-asb, epson-80-latin. */
export const printerProfiles: ReadonlyMap<string, PrinterProfile> = new Map(
  Object.entries(shipped).map(([id, value]) => [id, parsePrinterProfile(id, value)]),
);

/** A shipped profile by id; throws DriverError(BadPayload) for an unknown id. */
export function getPrinterProfile(id: string): PrinterProfile {
  return printerProfiles.get(id) ?? fail(`no profile "${id}" (known: ${[...printerProfiles.keys()].join(", ")})`);
}
