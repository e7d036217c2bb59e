import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import { NOT_AN_APPOINTMENT, demoAppointmentCodes } from "./demoAppointments.ts";

/** Sunday 2026-11-29 03:10 in Asia/Shanghai: every demo item is closed. */
const SUNDAY_NIGHT = Date.parse("2026-11-29T03:10:00+08:00");

const halls: TestHall[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const hall of halls.splice(0)) await hall.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function hallAt(startAt: number, demoMode: boolean) {
  const hall = await startTestHall({ startAt, config: { demoMode } });
  halls.push(hall);
  const dir = mkdtempSync(join(tmpdir(), "onewindow-demo-codes-"));
  dirs.push(dir);
  return { hall, dir };
}

describe("the demo's appointment codes", () => {
  it("when the demo hall starts at night on a Sunday, then two holders of sample cards have an appointment in the running slot", async () => {
    const { hall, dir } = await hallAt(SUNDAY_NIGHT, true);
    const codes = demoAppointmentCodes(hall.server.ctx, dir);
    const appointments = codes.filter((c) => c.kind === "appointment");
    expect(appointments).toHaveLength(2);
    expect(appointments.map((c) => c.slot)).toEqual(["03:00-03:30", "03:00-03:30"]);
    expect(appointments[0]!.itemName).toBe("居民身份证换领（有效期满）");
    for (const { code } of appointments) {
      expect(code).toMatch(/^[A-Z0-9]{8}$/);
      const [booked] = hall.server.ctx.store.appointments.byCode(code);
      expect(booked?.state).toBe("booked");
    }
    expect(codes.at(-1)).toEqual({ code: NOT_AN_APPOINTMENT, kind: "other" });
  });

  it("when asked again in the same slot (a restart), then the same codes come back and nothing is booked twice", async () => {
    const { hall, dir } = await hallAt(SUNDAY_NIGHT, true);
    const first = demoAppointmentCodes(hall.server.ctx, dir);
    expect(demoAppointmentCodes(hall.server.ctx, dir)).toEqual(first);
    hall.clock.advance(30 * 60_000);
    const next = demoAppointmentCodes(hall.server.ctx, dir);
    expect(next.filter((c) => c.kind === "appointment").map((c) => c.slot)).toEqual(["03:30-04:00", "03:30-04:00"]);
    expect(next[0]!.code).not.toBe(first[0]!.code);
  });

  it("when a real hall (no demo mode) is closed, then nothing is booked: service hours still hold outside the demo", async () => {
    const { hall, dir } = await hallAt(SUNDAY_NIGHT, false);
    const refusals: unknown[] = [];
    expect(demoAppointmentCodes(hall.server.ctx, dir, (e) => refusals.push(e))).toEqual([
      { code: NOT_AN_APPOINTMENT, kind: "other" },
    ]);
    expect(refusals).toHaveLength(2);
    expect(String(refusals[0])).toContain("is not served in that slot");
  });
});
