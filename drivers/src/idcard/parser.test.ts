import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdCardCommand, MAX_FRAME_LENGTH, Sw3, encodeFrame, encodeReply, encodeRequest } from "./codec.ts";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { IdCardParser, type ParserEvent } from "./parser.ts";

const hex = (text: string): Uint8Array => Uint8Array.from(text.split(" ").map((b) => parseInt(b, 16)));
const frames = (events: ParserEvent[]): number[][] => events.flatMap((e) => (e.kind === "frame" ? [[...e.frame]] : []));
const discards = (events: ParserEvent[]): string[] => events.flatMap((e) => (e.kind === "discarded" ? [e.reason] : []));

function feed(parser: IdCardParser, chunks: Uint8Array[]): ParserEvent[] {
  return chunks.flatMap((chunk) => parser.push(chunk));
}

function containsPreamble(bytes: Uint8Array): boolean {
  for (let i = 0; i + 5 <= bytes.length; i++) {
    if (
      bytes[i] === 0xaa &&
      bytes[i + 1] === 0xaa &&
      bytes[i + 2] === 0xaa &&
      bytes[i + 3] === 0x96 &&
      bytes[i + 4] === 0x69
    )
      return true;
  }
  return false;
}

/** Split `bytes` at the given (sorted, deduplicated) cut points. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(last, point));
    last = point;
  }
  return chunks;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe("IdCardParser examples", () => {
  it("when a find reply arrives in one chunk, then one frame with its body is emitted", () => {
    const events = new IdCardParser().push(hex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"));
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event?.kind === "frame" && [...event.body]).toEqual([0, 0, 0x9f, 0, 0, 0, 0]);
  });

  it("when a frame arrives one byte at a time, then it is emitted once, at the last byte", () => {
    const parser = new IdCardParser();
    const bytes = encodeRequest(IdCardCommand.SelectCard);
    const events = feed(
      parser,
      [...bytes].map((b) => Uint8Array.of(b)),
    );
    expect(frames(events)).toEqual([[...bytes]]);
    expect(parser.buffered).toBe(0);
  });

  it("when two frames share a chunk, then both are emitted in order", () => {
    const a = encodeReply({ sw3: Sw3.FindFailed });
    const b = encodeReply({ sw3: Sw3.Success });
    expect(frames(new IdCardParser().push(concat([a, b])))).toEqual([[...a], [...b]]);
  });

  it("when garbage precedes the preamble, then it is discarded and the frame still found", () => {
    const frame = encodeReply({ sw3: Sw3.FindFailed });
    const events = new IdCardParser().push(concat([hex("00 FF AA AA 13"), frame]));
    expect(events[0]).toEqual({ kind: "discarded", bytes: hex("00 FF AA AA 13"), reason: "garbage" });
    expect(frames(events)).toEqual([[...frame]]);
  });

  it("when the checksum is wrong, then the frame is discarded as bad-checksum and the next one recovered", () => {
    const bad = encodeRequest(IdCardCommand.FindCard);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    const good = encodeRequest(IdCardCommand.SamStatus);
    const events = new IdCardParser().push(concat([bad, good]));
    expect(discards(events)).toContain("bad-checksum");
    expect(frames(events)).toEqual([[...good]]);
  });

  it("when Len is above the 2321-byte bound, then the header is discarded as oversize without waiting", () => {
    const parser = new IdCardParser();
    const good = encodeReply({ sw3: Sw3.Success });
    const events = parser.push(concat([hex("AA AA AA 96 69 FF FF 00"), good]));
    expect(discards(events)[0]).toBe("oversize");
    expect(frames(events)).toEqual([[...good]]);
  });

  it("when Len is below 3, then the header is discarded as bad-length", () => {
    const events = new IdCardParser().push(hex("AA AA AA 96 69 00 02 20 22"));
    expect(discards(events)[0]).toBe("bad-length");
  });

  it("when a 2321-byte reply arrives in chunks, then it is emitted whole", () => {
    const frame = encodeFrame(new Uint8Array(MAX_FRAME_LENGTH - 8).fill(0x5a));
    expect(frame.length).toBe(MAX_FRAME_LENGTH);
    const events = feed(new IdCardParser(), split(frame, [1, 500, 1000, 2000]));
    expect(frames(events)).toEqual([[...frame]]);
  });

  it("when a frame is cut mid-way and reset() is called, then the partial bytes are dropped", () => {
    const parser = new IdCardParser();
    parser.push(encodeRequest(IdCardCommand.FindCard).subarray(0, 6));
    expect(parser.buffered).toBe(6);
    parser.reset();
    expect(parser.buffered).toBe(0);
  });

  it("when a header with an in-range bogus Len swallowed a reply, then flush() drops it and emits the reply", () => {
    // The reproduction from the field: Len 0x0508 = 1288, so push() alone waits for 1295 bytes.
    const parser = new IdCardParser();
    const reply = encodeReply({ sw3: Sw3.FindFailed });
    expect(parser.push(concat([hex("AA AA AA 96 69 05 08 00"), reply]))).toEqual([]);
    const events = parser.flush();
    expect(events[0]).toEqual({ kind: "discarded", bytes: hex("AA AA AA 96 69"), reason: "incomplete" });
    expect(events[1]).toEqual({ kind: "discarded", bytes: hex("05 08 00"), reason: "garbage" });
    expect(frames(events)).toEqual([[...reply]]);
    expect(parser.buffered).toBe(0);
  });

  it("when a real frame is cut short, then flush() discards all of it and the next frame parses", () => {
    const parser = new IdCardParser();
    const cut = encodeReply({ sw3: Sw3.Success }).subarray(0, 9);
    parser.push(cut);
    const events = parser.flush();
    expect(events.map((e) => (e.kind === "discarded" ? e.reason : e.kind))).toEqual(["incomplete", "garbage"]);
    expect(events.reduce((n, e) => n + (e.kind === "discarded" ? e.bytes.length : 0), 0)).toBe(cut.length);
    const next = encodeReply({ sw3: Sw3.FindFailed });
    expect(frames(parser.push(next))).toEqual([[...next]]);
  });

  it("when only a preamble prefix or a bare header is held, then flush() discards it too", () => {
    const prefix = new IdCardParser();
    prefix.push(hex("AA AA AA 96"));
    expect(prefix.flush()).toEqual([{ kind: "discarded", bytes: hex("AA AA AA 96"), reason: "garbage" }]);
    const header = new IdCardParser();
    header.push(hex("AA AA AA 96 69 00"));
    expect(discards(header.flush())).toEqual(["incomplete", "garbage"]);
    expect(header.buffered).toBe(0);
  });

  it("when nothing is held, then flush() emits nothing", () => {
    const parser = new IdCardParser();
    parser.push(encodeRequest(IdCardCommand.FindCard));
    expect(parser.flush()).toEqual([]);
  });
});

describe("IdCardParser fuzzing", () => {
  const body = fc.oneof(
    { weight: 8, arbitrary: fc.uint8Array({ minLength: 2, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1200, maxLength: MAX_FRAME_LENGTH - 8 }) },
  );
  const garbage = fc.uint8Array({ maxLength: 30 }).filter((g) => !containsPreamble(g));
  const cuts = fc.array(fc.nat(), { maxLength: 12 });

  it("when random bytes arrive in random chunks, then it never throws, accounts for every byte and stays bounded", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), cuts, (bytes, cutPoints) => {
        const parser = new IdCardParser();
        let seen = 0;
        for (const chunk of split(bytes, cutPoints)) {
          for (const event of parser.push(chunk))
            seen += event.kind === "frame" ? event.frame.length : event.bytes.length;
          expect(parser.buffered).toBeLessThan(MAX_FRAME_LENGTH);
        }
        expect(seen + parser.buffered).toBe(bytes.length);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it("when random bytes arrive with flush() at random points, then every byte is accounted for and a flush empties the buffer", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), cuts, fc.array(fc.boolean()), (bytes, cutPoints, flushes) => {
        const parser = new IdCardParser();
        let seen = 0;
        const count = (events: ParserEvent[]): void => {
          for (const event of events) seen += event.kind === "frame" ? event.frame.length : event.bytes.length;
        };
        split(bytes, cutPoints).forEach((chunk, i) => {
          count(parser.push(chunk));
          if (flushes[i] === true) {
            count(parser.flush());
            expect(parser.buffered).toBe(0);
          }
        });
        expect(seen + parser.buffered).toBe(bytes.length);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it("when valid frames have garbage between them and arrive in random chunks, then every frame is recovered in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(garbage, body), { minLength: 1, maxLength: 6 }),
        garbage,
        cuts,
        (parts, tail, cutPoints) => {
          const sent = parts.map(([, b]) => encodeFrame(b));
          const stream = concat([...parts.flatMap(([g], i) => [g, sent[i] ?? new Uint8Array(0)]), tail]);
          const parser = new IdCardParser();
          const events = feed(parser, split(stream, cutPoints));
          expect(frames(events)).toEqual(sent.map((f) => [...f]));
          expect(parser.buffered).toBeLessThan(5);
        },
      ),
      { numRuns: fuzzRuns },
    );
  });

  it("when fake headers with bad lengths sit between valid frames, then the valid frames are still recovered", () => {
    const fakeHeader = fc
      .tuple(fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ maxLength: 10 }))
      .filter(([len]) => len < 3 || len + 7 > MAX_FRAME_LENGTH)
      .map(([len, rest]) => concat([Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff), rest]))
      .filter((h) => !containsPreamble(h.subarray(1)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fakeHeader, body), { minLength: 1, maxLength: 4 }), cuts, (parts, cutPoints) => {
        const sent = parts.map(([, b]) => encodeFrame(b));
        const stream = concat(parts.flatMap(([h], i) => [h, sent[i] ?? new Uint8Array(0)]));
        const events = feed(new IdCardParser(), split(stream, cutPoints));
        expect(frames(events)).toEqual(sent.map((f) => [...f]));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it("when fake headers with in-range lengths swallow valid frames and the line then goes quiet, then flush() recovers every frame in order", () => {
    // Each bogus Len is in 3..2314 but longer than what arrives before the quiet point, so push() alone would wait
    // for it (the stall seen in the field); a bogus frame that completes is the checksum's job, tested above.
    const part = fc
      .tuple(fc.uint8Array({ maxLength: 10 }), fc.uint8Array({ minLength: 2, maxLength: 1000 }))
      .chain(([rest, b]) => {
        const sent = encodeFrame(b);
        const arrives = rest.length + sent.length;
        return fc.integer({ min: arrives + 1, max: MAX_FRAME_LENGTH - 7 }).map((len) => ({
          fake: concat([Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff), rest]),
          sent,
        }));
      })
      .filter(({ fake }) => !containsPreamble(fake.subarray(1)));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), cuts, (parts, cutPoints) => {
        const parser = new IdCardParser();
        // Each part is one request's worth of traffic; the reader flushes when its reply is overdue.
        const events = parts.flatMap(({ fake, sent }) => [
          ...feed(parser, split(concat([fake, sent]), cutPoints)),
          ...parser.flush(),
        ]);
        expect(frames(events)).toEqual(parts.map(({ sent }) => [...sent]));
        expect(parser.buffered).toBe(0);
      }),
      { numRuns: fuzzRuns },
    );
  });
});
