import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { encodeScan, ScanLineParser } from "./codec.ts";

const bytes = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe("ScanLineParser", () => {
  it("when lines end in CR, LF or CR LF, then each is one scan and the empty lines between are skipped", () => {
    const parser = new ScanLineParser();
    expect(parser.push(bytes("A023\rB7\nAPPT-42\r\n\r\n"))).toEqual([
      { kind: "scan", code: "A023" },
      { kind: "scan", code: "B7" },
      { kind: "scan", code: "APPT-42" },
    ]);
    expect(parser.buffered).toBe(0);
  });

  it("when a scan arrives split across chunks, then it is put back together", () => {
    const parser = new ScanLineParser();
    expect(parser.push(bytes("AP"))).toEqual([]);
    expect(parser.push(bytes("PT-0"))).toEqual([]);
    expect(parser.push(bytes("01\r"))).toEqual([{ kind: "scan", code: "APPT-001" }]);
  });

  it("when a line holds a non-printable byte, then it is rejected as garbage naming the byte and the next line still scans", () => {
    const parser = new ScanLineParser();
    const events = parser.push(Uint8Array.of(0x41, 0x1b, 0x42, 0x0d, 0x43, 0x0d));
    expect(events).toEqual([
      {
        kind: "rejected",
        reason: "garbage",
        message: "a 3-byte line holds byte 0x1b at 1, not printable ASCII",
        length: 3,
      },
      { kind: "scan", code: "C" },
    ]);
  });

  it("when a line is longer than maxLength, then it is rejected once as oversize, nothing of it is kept, and the next line scans", () => {
    const parser = new ScanLineParser(4);
    expect(parser.push(bytes("ABCD\r"))).toEqual([{ kind: "scan", code: "ABCD" }]);
    expect(parser.push(bytes("ABCDEFGH"))).toEqual([]);
    expect(parser.buffered).toBe(8);
    expect(parser.push(bytes("IJ\nXY\n"))).toEqual([
      {
        kind: "rejected",
        reason: "oversize",
        message: "a 10-byte line is longer than the 4 characters a scan may have",
        length: 10,
      },
      { kind: "scan", code: "XY" },
    ]);
  });

  it("when flushed with a partial line, then it is rejected as unterminated; an empty flush says nothing", () => {
    const parser = new ScanLineParser();
    parser.push(bytes("A0"));
    expect(parser.flush()).toEqual([
      { kind: "rejected", reason: "unterminated", message: "a 2-byte line ended without CR or LF", length: 2 },
    ]);
    expect(parser.flush()).toEqual([]);
  });

  it("when maxLength is not a positive integer, then the parser refuses it", () => {
    expect(() => new ScanLineParser(0)).toThrow(RangeError);
  });

  it("when any bytes in any chunking arrive, then every scan is printable, within maxLength, and the parser never throws", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }), (chunks) => {
        const parser = new ScanLineParser(16);
        for (const chunk of chunks)
          for (const event of parser.push(chunk))
            if (event.kind === "scan") expect(event.code).toMatch(/^[\x20-\x7e]{1,16}$/);
        expect(parser.buffered).toBeLessThanOrEqual(16 + chunks.reduce((n, c) => n + c.length, 0));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it("when a code is encoded and parsed in any chunking, then the same code comes back", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x20-\x7e]{1,32}$/), fc.integer({ min: 1, max: 8 }), (code, size) => {
        const wire = encodeScan(code, "\r\n");
        const parser = new ScanLineParser();
        const events = [];
        for (let at = 0; at < wire.length; at += size) events.push(...parser.push(wire.subarray(at, at + size)));
        expect(events).toEqual([{ kind: "scan", code }]);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it("when a non-ASCII code is encoded, then encodeScan refuses it", () => {
    expect(() => encodeScan("预约")).toThrow(RangeError);
    expect([...encodeScan("A1", "\r")]).toEqual([0x41, 0x31, 0x0d]);
  });
});
