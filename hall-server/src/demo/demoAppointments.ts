/**
 * The demo hall's appointments for the scanner and the card reader to check in: two of the sample card holders
 * (drivers/src/idcard/sampleCards.ts) hold an appointment in the slot that is running now, booked once per slot and
 * remembered in <dir>/appointments.json (the hall stores only the codes' owners as hashes, so the codes are kept
 * here to show them again after a restart). Plus one string that is no appointment code, for the refusal.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SampleCode } from "@onewindow/hardware-panel";
import { isoTime } from "../domain/serviceDay.ts";
import { bookAppointment } from "../services/appointments.ts";
import type { HallContext } from "../services/context.ts";
import { hallClock } from "../services/serviceDay.ts";

/** Who books: the sample resident cards' holders (their invented ID numbers), and for which demo items. */
const BOOKINGS = [
  { idNumber: "110101198506121234", name: "张伟", itemCode: "11441702007046300B070001200200" },
  { idNumber: "320102195802031286", name: "李秀英", itemCode: "11441702007046212W200010100100" },
] as const;

/** A scanner string that is deliberately no appointment code (a product barcode). */
export const NOT_AN_APPOINTMENT = "6901234567892";

interface Remembered {
  slotStart: number;
  codes: { code: string; itemCode: string }[];
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * Book (once per running slot) and return the demo's sample codes. Items that no longer exist are skipped; a
 * booking the hall refuses is left out rather than stopping the demo.
 */
export function demoAppointmentCodes(ctx: HallContext, dir: string, onError?: (error: unknown) => void): SampleCode[] {
  const now = ctx.clock();
  const slotMinutes = ctx.config.appointments.slotMinutes;
  const { minutes } = hallClock(ctx, now);
  const slotStart = now - (minutes % slotMinutes) * 60_000 - (now % 60_000);
  const file = join(dir, "appointments.json");
  let remembered: Remembered | undefined;
  if (existsSync(file)) {
    try {
      remembered = JSON.parse(readFileSync(file, "utf8")) as Remembered;
    } catch {
      remembered = undefined;
    }
  }
  if (remembered?.slotStart !== slotStart) {
    const codes: Remembered["codes"] = [];
    for (const booking of BOOKINGS) {
      if (!ctx.catalog.item(booking.itemCode)) continue;
      try {
        const booked = bookAppointment(
          ctx,
          { itemCode: booking.itemCode, slotStart: isoTime(slotStart), idNumber: booking.idNumber, name: booking.name },
          "demo",
        );
        codes.push({ code: booked.code, itemCode: booking.itemCode });
      } catch (error) {
        onError?.(error);
      }
    }
    remembered = { slotStart, codes };
    writeFileSync(file, JSON.stringify(remembered, null, 2) + "\n", { mode: 0o600 });
  }
  const slot = `${hhmm(hallClock(ctx, slotStart).minutes)}-${hhmm(hallClock(ctx, slotStart).minutes + slotMinutes)}`;
  return [
    ...remembered.codes.map(({ code, itemCode }) => ({
      code,
      kind: "appointment" as const,
      itemName: ctx.catalog.item(itemCode)?.name ?? itemCode,
      slot,
    })),
    { code: NOT_AN_APPOINTMENT, kind: "other" as const },
  ];
}
