import { describe, expect, it } from "vitest";
import { nextDailyAt } from "./serviceDay.ts";

const at = (iso: string) => Date.parse(iso);

describe("nextDailyAt", () => {
  it("when the time is later today, then it is today at that minute", () => {
    expect(nextDailyAt(at("2026-11-25T10:00:30+08:00"), "23:30", "Asia/Shanghai")).toBe(
      at("2026-11-25T23:30:00+08:00"),
    );
  });

  it("when the time has passed today, then it is tomorrow", () => {
    expect(nextDailyAt(at("2026-11-25T10:00:00+08:00"), "02:30", "Asia/Shanghai")).toBe(
      at("2026-11-26T02:30:00+08:00"),
    );
  });

  it("when it is exactly that minute now, then it is the same minute tomorrow (never now again)", () => {
    expect(nextDailyAt(at("2026-11-25T02:30:00+08:00"), "02:30", "Asia/Shanghai")).toBe(
      at("2026-11-26T02:30:00+08:00"),
    );
    expect(nextDailyAt(at("2026-11-25T02:30:10+08:00"), "02:30", "Asia/Shanghai")).toBe(
      at("2026-11-26T02:30:00+08:00"),
    );
  });

  it("when the hall's zone is not the machine's, then the hall's local time counts", () => {
    expect(nextDailyAt(at("2026-11-25T00:00:00Z"), "02:30", "Asia/Shanghai")).toBe(at("2026-11-25T18:30:00Z"));
  });

  it("when a daylight-saving change falls in between, then the local time is still kept", () => {
    // Europe/Berlin leaves summer time on 2026-10-25 at 03:00 local.
    expect(nextDailyAt(at("2026-10-24T12:00:00+02:00"), "04:00", "Europe/Berlin")).toBe(
      at("2026-10-25T04:00:00+01:00"),
    );
  });

  it("when the time falls in the hour daylight-saving time skips, then it runs an hour later on the wall clock", () => {
    // Europe/Berlin skips 02:00-03:00 on 2026-03-29.
    expect(nextDailyAt(at("2026-03-28T12:00:00+01:00"), "02:30", "Europe/Berlin")).toBe(
      at("2026-03-29T03:30:00+02:00"),
    );
  });
});
