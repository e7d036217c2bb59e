import QRCode, { type QRCodeErrorCorrectionLevel } from "qrcode";
import { describe, expect, it } from "vitest";
import type { QrErrorCorrection } from "./codec.ts";
import {
  QR_MAX_VERSION,
  qrByteCapacity,
  qrModules,
  qrSymbolProblem,
  qrVersionFor,
  unprintableQrs,
} from "./qrSymbol.ts";

const levels: readonly QrErrorCorrection[] = ["L", "M", "Q", "H"];

/** The version and side of the symbol the `qrcode` package builds for `bytes` bytes in byte mode, if any. */
function built(bytes: number, level: QrErrorCorrection): { version: number; size: number } | undefined {
  try {
    const symbol = QRCode.create([{ data: new Uint8Array(bytes), mode: "byte" }], {
      errorCorrectionLevel: level as QRCodeErrorCorrectionLevel,
    });
    return { version: symbol.version, size: symbol.modules.size };
  } catch {
    return undefined;
  }
}

describe("QR symbol sizes", () => {
  it.each(levels)(
    "when the qrcode package builds byte-mode symbols at level %s, then every capacity in the table is exact",
    (level) => {
      for (let version = 1; version <= QR_MAX_VERSION; version++) {
        const capacity = qrByteCapacity(version, level);
        // The capacity fits this version with the side 17 + 4·version; one byte more needs a larger one.
        expect(built(capacity, level)).toEqual({ version, size: qrModules(version) });
        expect(built(capacity + 1, level)?.version).toBe(version === QR_MAX_VERSION ? undefined : version + 1);
      }
    },
  );

  it("when the ISO 18004 corner values are looked up, then they match the standard", () => {
    expect([qrByteCapacity(1, "L"), qrByteCapacity(1, "H"), qrByteCapacity(40, "L"), qrByteCapacity(40, "H")]).toEqual([
      17, 7, 2953, 1273,
    ]);
    expect(qrVersionFor(400, "M")).toBe(15);
    expect(qrVersionFor(2954, "L")).toBeUndefined();
    expect(() => qrByteCapacity(41, "L")).toThrow(RangeError);
  });

  it("when data is multi-byte UTF-8, then its encoded length counts, not its characters", () => {
    // 6 Chinese characters = 18 UTF-8 bytes: more than the 17 bytes of version 1 at level L.
    expect(qrSymbolProblem({ data: "办事指南查询", moduleSize: 1, errorCorrection: "L" }, 21)).toMatchObject({
      reason: "too-wide",
      bytes: 18,
      version: 2,
      widthDots: 25,
    });
  });

  it("when a command list prints QR codes, then only those that cannot print are listed, with the settings in force", () => {
    const found = unprintableQrs(
      [
        { op: "qrModuleSize", size: 6 },
        { op: "qrErrorCorrection", level: "M" },
        { op: "qrStore", data: "x".repeat(400) },
        { op: "qrPrint" },
        { op: "initialize" }, // back to module size 3, level L: 400 bytes is version 14, 73 modules, 219 dots
        { op: "qrStore", data: "x".repeat(400) },
        { op: "qrPrint" },
        { op: "qrPrint" }, // nothing stored after ESC @ is the same symbol again: still fits
      ],
      384,
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.problem).toMatchObject({ reason: "too-wide", version: 15, modules: 77, widthDots: 462 });
  });
});
