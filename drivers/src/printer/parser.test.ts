import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asbBlocks, fuzzRuns, modelIdReply } from "./fixtures.ts";
import { PrinterReplyParser, type PrinterReply } from "./parser.ts";

const parse = (...chunks: number[][]): PrinterReply[] => {
  const parser = new PrinterReplyParser();
  return chunks.flatMap((chunk) => parser.push(Uint8Array.from(chunk)));
};
const kinds = (replies: PrinterReply[]) => replies.map((reply) => reply.kind);

describe("PrinterReplyParser", () => {
  it("when DLE EOT replies arrive together, then each is one realtime reply", () => {
    expect(parse([0x12, 0x1a, 0x32, 0x7e])).toEqual(
      [0x12, 0x1a, 0x32, 0x7e].map((byte) => ({ kind: "realtime", byte })),
    );
  });

  it("when an ASB block arrives split, then it is one block with its status", () => {
    const replies = parse(
      [asbBlocks.paperOut[0]],
      [asbBlocks.paperOut[1], asbBlocks.paperOut[2]],
      [asbBlocks.paperOut[3]],
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: "asb", block: asbBlocks.paperOut, status: { condition: "paper-out" } });
  });

  it("when a GS r 1 reply arrives between status bytes, then it is told apart by its bits", () => {
    expect(parse([0x12, 0x00, 0x12, 0x0f])).toEqual([
      { kind: "realtime", byte: 0x12 },
      { kind: "paper", byte: 0x00, sensor: { nearEnd: false, paperOut: false } },
      { kind: "realtime", byte: 0x12 },
      { kind: "paper", byte: 0x0f, sensor: { nearEnd: true, paperOut: true } },
    ]);
  });

  it("when a GS I block arrives, then its text is read", () => {
    expect(parse([...modelIdReply.subarray(0, 3)], [...modelIdReply.subarray(3)])).toEqual([
      { kind: "id", text: "VIRT" },
    ]);
  });

  it("when noise arrives, then it is discarded and the next reply still parses", () => {
    expect(parse([0xff, 0x13, 0x11, 0x12])).toEqual([
      { kind: "discarded", bytes: Uint8Array.of(0xff, 0x13, 0x11) },
      { kind: "realtime", byte: 0x12 },
    ]);
  });

  it("when an ASB block is cut short by a status byte, then the fragment is discarded and the byte kept", () => {
    expect(kinds(parse([0x10, 0x00, 0x12]))).toEqual(["discarded", "realtime"]);
  });

  it("when an ID block never ends, then it is dropped at the length limit", () => {
    const replies = parse([0x5f, ...new Array<number>(100).fill(0x41)], [0x00, 0x12]);
    expect(replies).toEqual([
      { kind: "discarded", bytes: Uint8Array.of(0x5f, ...new Array<number>(100).fill(0x41)) },
      { kind: "discarded", bytes: Uint8Array.of(0x00) },
      { kind: "realtime", byte: 0x12 },
    ]);
  });

  it(`property: random bytes never throw, hold at most one block, and a status byte after them parses (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 6 }), (chunks) => {
        const parser = new PrinterReplyParser();
        for (const chunk of chunks) {
          parser.push(chunk);
          expect(parser.pendingBytes).toBeLessThanOrEqual(65);
        }
        const after = parser.push(Uint8Array.of(0x12));
        expect(after[after.length - 1]).toEqual({ kind: "realtime", byte: 0x12 });
      }),
      { numRuns: fuzzRuns },
    );
  });
});
