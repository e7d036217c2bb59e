import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const io = /^(node:|fs$|net$|child_process$|serialport|@serialport\/|node-hid|@napi-rs\/|pino|pngjs|qrcode)/;

/** Every module the file reaches through static imports and re-exports, with the bare specifiers it uses. */
function reach(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) {
        if (spec.endsWith(".ts")) visit(resolve(dirname(file), spec));
      } else bare.add(spec);
    }
  };
  visit(resolve(import.meta.dirname, entry));
  return { files, bare };
}

describe("package entry points", () => {
  it("when the pure entry point is imported, then nothing it reaches does I/O", () => {
    const { files, bare } = reach("index.ts");
    expect(files.size).toBeGreaterThan(20);
    expect([...bare].filter((s) => io.test(s))).toEqual([]);
  });

  it("when the node and virtual entry points load, then every device namespace is there", async () => {
    const node = await import("./node.ts");
    expect(Object.keys(node)).toEqual(
      expect.arrayContaining([
        "printer",
        "idcard",
        "evaluator",
        "led",
        "caller",
        "scanner",
        "SerialTransport",
        "createMemoryTransportPair",
      ]),
    );
    expect(typeof node.printer.PrinterDriver).toBe("function");
    const virtual = await import("./virtual.ts");
    expect(typeof virtual.VirtualPrinter).toBe("function");
    expect(typeof virtual.startVirtualHall).toBe("function");
    expect(typeof virtual.VirtualBarcodeScanner).toBe("function");
  });
});
