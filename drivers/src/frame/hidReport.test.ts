import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { isDriverError } from "../core/errors.ts";
import { decodeHidReport, encodeHidReport, hidReportFraming } from "./hidReport.ts";
import { feedInCuts } from "./streamFuzz.ts";

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(" ").map((b) => parseInt(b, 16)));
const reportLengths = fc.constantFrom(8, 64);

describe("vendor-HID reports", () => {
  it("when an 8-byte result report 81 01 02 00… is decoded, then it is command 0x81 with data [2]", () => {
    expect(decodeHidReport(hex("81 01 02 00 00 00 00 00"))).toEqual({ command: 0x81, data: Uint8Array.of(2) });
    expect(decodeHidReport(hex("81 07 02 00 00 00 00 00"))).toBeUndefined(); // LEN 7 > 6 bytes of room
    expect(decodeHidReport(hex("81"))).toBeUndefined();
  });

  it(`property: any report decodes without throwing, to undefined exactly when LEN does not fit (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (report) => {
        const frame = decodeHidReport(report);
        const len = report[1];
        if (report.length < 2 || len === undefined || len > report.length - 2) {
          expect(frame).toBeUndefined();
          return;
        }
        expect(frame).toEqual({ command: report[0], data: report.slice(2, 2 + len) });
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: encode then decode gives the frame back; data too long throws only a DriverError (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(reportLengths, fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 70 }), (n, c, data) => {
        let report: Uint8Array;
        try {
          report = encodeHidReport({ command: c, data }, n);
        } catch (error) {
          expect(isDriverError(error)).toBe(true);
          expect(data.length).toBeGreaterThan(n - 2);
          return;
        }
        expect(report.length).toBe(n);
        expect(decodeHidReport(report)).toEqual({ command: c, data });
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: garbage reports are discarded whole and the valid reports between them still decode, in order (${fuzzRuns} runs)`, () => {
    const valid = (n: number) =>
      fc
        .record({ command: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: n - 2 }) })
        .map((frame) => ({ frame, report: encodeHidReport(frame, n), valid: true as const }));
    const garbage = (n: number) =>
      fc.uint8Array({ minLength: 0, maxLength: n }).map((report) => ({ report, valid: false as const }));
    fc.assert(
      fc.property(
        reportLengths.chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.oneof(valid(n), garbage(n)), { maxLength: 12 })),
        ),
        ([n, reports]) => {
          const framer = hidReportFraming(n).createFramer();
          reports.forEach(({ report, ...r }) => {
            // node-hid hands over one whole report per chunk: one event each, nothing held.
            const events = framer.push(report);
            expect(events).toHaveLength(1);
            expect(framer.buffered).toBe(0);
            const [event] = events;
            if (r.valid) expect(event).toEqual({ kind: "frame", frame: r.frame, raw: report });
            else if (event?.kind === "discarded") expect(event.bytes).toEqual(report);
            else expect(event?.frame).toEqual(decodeHidReport(report));
          });
          expect(framer.flush()).toEqual([]);
        },
      ),
      { numRuns: fuzzRuns },
    );
  });

  it("when the fault knob corrupts a report, then the host discards it", () => {
    const framing = hidReportFraming(8);
    const corrupted = framing.corrupt(encodeHidReport({ command: 0x81, data: Uint8Array.of(1) }));
    const result = feedInCuts(framing.createFramer(), [corrupted], [8]);
    expect(result.frames).toEqual([]);
    expect(result.discarded).toBe(8);
  });
});
