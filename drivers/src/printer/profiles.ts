/**
 * Printer models as data: what a ticket layout and the driver need to know about one model. The shipped
 * profiles live in profiles.json; a station's config may carry its own, checked by `parsePrinterProfile`.
 */
import { z } from "zod";
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

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** The schema of one profile in profiles.json or a station's config (the id is the key, not a field). */
export const printerProfileSchema = z
  .object({
    name: z.string().min(1),
    paperWidthMm: count(40, 120),
    printWidthDots: count(128, 1024),
    columns: count(16, 80),
    dpi: count(100, 400),
    chinese: z.boolean(),
    chineseEncoding: z.enum(["gb18030", "gbk"]),
    cut: z.enum(["full", "partial", "none"]),
    cutFeed: z.boolean(),
    feedBeforeCut: count(0, 20),
    qr: z.boolean(),
    maxQrModuleSize: count(1, 16),
    status: z.enum(["dle-eot", "none"]),
    asb: z.boolean(),
  })
  .strict()
  // Font A cells are 12 dots wide: more columns than that cannot be printed.
  .refine((profile) => profile.columns * 12 <= profile.printWidthDots, {
    message: "columns do not fit the print width (12 dots per column)",
    path: ["columns"],
  });

/** Check an untrusted profile (station config, JSON file); throws DriverError(BadPayload) naming the bad fields. */
export function parsePrinterProfile(id: string, value: unknown): PrinterProfile {
  if (typeof value !== "object" || value === null) return fail(`${id} is not an object`);
  // A profile passed back in (from getPrinterProfile, say) carries its id; the id is the key, not a field.
  const { id: _id, ...fields } = value as Record<string, unknown>;
  const result = printerProfileSchema.safeParse(fields);
  if (!result.success) return fail(`${id}: ${z.prettifyError(result.error).replace(/\n\s*/g, " ")}`);
  return { id, ...result.data };
}

/** The shipped profiles by id: generic-58, generic-80, gbk-80, kiosk-80-asb, epson-80-latin. */
export const printerProfiles: ReadonlyMap<string, PrinterProfile> = new Map(
  Object.entries(shipped).map(([id, value]) => [id, parsePrinterProfile(id, value)]),
);

/** A shipped profile by id; throws DriverError(BadPayload) for an unknown id. */
export function getPrinterProfile(id: string): PrinterProfile {
  return printerProfiles.get(id) ?? fail(`no profile "${id}" (known: ${[...printerProfiles.keys()].join(", ")})`);
}
