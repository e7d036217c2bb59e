import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  defaultFrameProfile,
  encodeFrame,
  maxFrameSize,
  p7LedProfile,
  parseFrameProfile,
  type Frame,
} from "./codec.ts";
import { FrameParser, type FrameParserEvent } from "./parser.ts";
import { fuzzRuns } from "../core/fuzzRuns.ts";

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(" ").map((b) => parseInt(b, 16)));
const frames = (events: FrameParserEvent[]): Frame[] => events.flatMap((e) => (e.kind === "frame" ? [e.frame] : []));

const crcProfile = parseFrameProfile({
  name: "crc",
  header: [0xaa],
  trailer: [0x55],
  hasAddress: true,
  hasCommand: true,
  checksum: "crc16-modbus",
  checksumRange: "body",
});
const profiles = [defaultFrameProfile, p7LedProfile, crcProfile];

describe("FrameParser", () => {
  it("when a frame arrives split byte by byte, then it is emitted once when complete", () => {
    const parser = new FrameParser(defaultFrameProfile);
    const bytes = hex("AA 01 81 01 03 82 55");
    const events = [...bytes].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(events).toEqual([
      { kind: "frame", frame: { address: 1, command: 0x81, data: Uint8Array.of(3) }, raw: bytes },
    ]);
  });

  it("when two frames and leading garbage arrive in one chunk, then garbage is discarded and both frames emitted", () => {
    const parser = new FrameParser(defaultFrameProfile);
    const events = parser.push(hex("00 13 AA 01 10 00 11 55 AA 02 10 00 12 55"));
    expect(events.map((e) => e.kind)).toEqual(["discarded", "frame", "frame"]);
    expect(events[0]).toEqual({ kind: "discarded", bytes: hex("00 13"), reason: "no-header" });
    expect(frames(events).map((f) => f.address)).toEqual([1, 2]);
  });

  it("when a frame has a bad checksum, then it is discarded and the next frame is still found", () => {
    const parser = new FrameParser(defaultFrameProfile);
    const events = parser.push(hex("AA 01 10 00 12 55 AA 02 10 00 12 55"));
    expect(events[0]?.kind).toBe("discarded");
    expect(events[0]?.kind === "discarded" && events[0].reason).toBe("bad-checksum");
    expect(frames(events).map((f) => f.address)).toEqual([2]);
  });

  it("when a header lookalike claims a long LEN and the line goes idle, then flush recovers the frame behind it", () => {
    const parser = new FrameParser(defaultFrameProfile);
    expect(parser.push(hex("AA 07 07 F0 AA 01 10 00 11 55"))).toEqual([]);
    const events = parser.flush();
    expect(frames(events).map((f) => f.address)).toEqual([1]);
    expect(parser.buffered).toBe(0);
  });

  for (const profile of profiles) {
    const headByte = profile.header[0] ?? 0;
    const frameArb = fc.record({
      address: fc.integer({ min: 0, max: 255 }),
      command: fc.integer({ min: 0, max: 255 }),
      fields: fc.uint8Array({ minLength: profile.fieldCount, maxLength: profile.fieldCount }),
      data: fc.uint8Array({ maxLength: 40 }),
    });
    const toFrame = (f: { address: number; command: number; fields: Uint8Array; data: Uint8Array }): Frame => ({
      ...(profile.hasAddress ? { address: f.address } : {}),
      ...(profile.hasCommand ? { command: f.command } : {}),
      ...(profile.fieldCount > 0 ? { fields: f.fields } : {}),
      data: f.data,
    });
    // Garbage without the header's first byte cannot fake a frame, so every real frame must come back.
    const garbage = fc.uint8Array({ maxLength: 30 }).map((g) => g.filter((b) => b !== headByte));

    it(`when random bytes are fed (${profile.name}), then it never throws and stays bounded (${fuzzRuns} runs)`, () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 8 }), (chunks) => {
          const parser = new FrameParser(profile);
          for (const chunk of chunks) {
            parser.push(chunk);
            expect(parser.buffered).toBeLessThan(maxFrameSize(profile));
          }
          parser.flush();
          expect(parser.buffered).toBe(0);
        }),
        { numRuns: fuzzRuns },
      );
    });

    it(`when valid frames are mixed with garbage and split at random (${profile.name}), then every frame is recovered in order (${fuzzRuns} runs)`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(garbage, frameArb), { minLength: 1, maxLength: 8 }),
          garbage,
          fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
          (pairs, tail, cuts) => {
            const expected = pairs.map(([, f]) => toFrame(f));
            const parts = pairs.flatMap(([g, f]) => [g, encodeFrame(profile, toFrame(f))]);
            const stream = Uint8Array.from(Buffer.concat([...parts, tail]));
            const parser = new FrameParser(profile);
            const events: FrameParserEvent[] = [];
            let offset = 0;
            for (let i = 0; offset < stream.length; i++) {
              const size = cuts[i % cuts.length] ?? 1;
              events.push(...parser.push(stream.subarray(offset, offset + size)));
              offset += size;
            }
            events.push(...parser.flush());
            expect(frames(events)).toEqual(expected);
            const discarded = events.reduce((n, e) => n + (e.kind === "discarded" ? e.bytes.length : 0), 0);
            expect(discarded).toBe(pairs.reduce((n, [g]) => n + g.length, tail.length));
          },
        ),
        { numRuns: fuzzRuns },
      );
    });
  }
});
