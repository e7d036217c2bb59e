/**
 * The fault vocabulary across virtual devices: which knobs each has, the one refusal for a knob it lacks, the
 * "unplugged" knob pulling the cable, and knobs whose effect shows on the wire.
 */
import { afterEach, describe, expect, it } from "vitest";
import { VirtualCallerKeypad } from "../caller/virtual.ts";
import { VirtualEvaluationKeypad } from "../evaluator/virtual.ts";
import { VirtualIdCardReader } from "../idcard/virtual.ts";
import { VirtualLedStrip } from "../led/virtual.ts";
import { encodeCommands } from "../printer/codec.ts";
import { VirtualPrinter } from "../printer/virtual.ts";
import { VirtualBarcodeScanner } from "../scanner/virtual.ts";
import { encodeRequest, IdCardCommand } from "../idcard/codec.ts";
import type { FaultKnob, FaultSwitchable } from "./faults.ts";
import { createMemoryTransportPair, type MemoryTransportPair } from "./memoryTransport.ts";
import type { Transport } from "./transport.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Device = FaultSwitchable & { start(): Promise<void>; stop(): Promise<void> };

const devices: [string, (pair: MemoryTransportPair) => Device, FaultKnob[]][] = [
  [
    "printer",
    (pair) => new VirtualPrinter({ transport: pair.device, cable: pair }),
    [
      "paper-out",
      "paper-near-end",
      "cover-open",
      "cutter-jam",
      "offline",
      "unplugged",
      "garbage",
      "slow",
      "split",
      "silent",
    ],
  ],
  [
    "ID-card reader",
    (pair) => new VirtualIdCardReader({ transport: pair.device, cable: pair }),
    ["unplugged", "garbage", "slow", "split", "corrupt", "silent", "sam-fault"],
  ],
  [
    "LED strip",
    (pair) => new VirtualLedStrip({ transport: pair.device, cable: pair }),
    ["unplugged", "garbage", "slow", "split", "corrupt", "drop", "silent"],
  ],
  [
    "caller keypad",
    (pair) => new VirtualCallerKeypad({ transport: pair.device, cable: pair, mode: "push" }),
    ["unplugged", "garbage", "slow", "split", "corrupt", "drop", "silent"],
  ],
  [
    "evaluation keypad",
    (pair) => new VirtualEvaluationKeypad({ transport: pair.device, cable: pair }),
    ["unplugged", "garbage", "slow", "split", "corrupt", "drop", "silent"],
  ],
  [
    "barcode scanner",
    (pair) => new VirtualBarcodeScanner({ transport: pair.device, cable: pair }),
    ["unplugged", "garbage", "slow", "split", "drop"],
  ],
];

async function started(build: (pair: MemoryTransportPair) => Device) {
  const pair = createMemoryTransportPair();
  const device = build(pair);
  await device.start();
  cleanups.push(() => device.stop());
  await pair.host.open();
  cleanups.push(() => pair.host.close());
  return { pair, device };
}

/** Every chunk the host end receives. */
function received(host: Transport): Buffer[] {
  const chunks: Buffer[] = [];
  host.on("data", (chunk) => chunks.push(chunk));
  return chunks;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe.each(devices)("the virtual %s's fault knobs", (name, build, knobs) => {
  it("when asked, then it lists its knobs in vocabulary order and refuses any other by name", async () => {
    const { device } = await started(build);
    expect(device.faultKnobs).toEqual(knobs);
    const missing = (["paper-out", "sam-fault", "drop"] as const).find((knob) => !knobs.includes(knob))!;
    await expect(device.setFault(missing, true)).rejects.toThrow(
      `the virtual ${name} has no "${missing}" fault knob; it has: ${knobs.join(", ")}`,
    );
  });

  it("when unplugged is switched on and off, then the host end sees the disconnect and can open again", async () => {
    const { pair, device } = await started(build);
    const closed = new Promise<{ disconnected: boolean }>((resolve) => pair.host.on("close", resolve));
    await device.setFault("unplugged", true);
    expect(await closed).toEqual({ disconnected: true });
    await device.setFault("unplugged", false);
    await pair.host.open();
    expect(pair.host.isOpen).toBe(true);
  });
});

describe("knobs on the wire", () => {
  it("when the printer's garbage knob is on, then every reply comes after the noise; off, replies come clean", async () => {
    const { pair, device } = await started(devices[0]![1]);
    const chunks = received(pair.host);
    await device.setFault("garbage", true, { bytes: Uint8Array.of(0xff, 0xfe) });
    await pair.host.write(encodeCommands([{ op: "realtimeStatus", n: 1 }]));
    await until(() => chunks.length > 0);
    expect([...Buffer.concat(chunks)]).toEqual([0xff, 0xfe, 0x12]);
    chunks.length = 0;
    await device.setFault("garbage", false);
    await pair.host.write(encodeCommands([{ op: "realtimeStatus", n: 1 }]));
    await until(() => chunks.length > 0);
    expect([...Buffer.concat(chunks)]).toEqual([0x12]);
  });

  it("when the ID-card reader's split knob is on, then a reply arrives in the asked number of pieces", async () => {
    const { pair, device } = await started(devices[1]![1]);
    const chunks = received(pair.host);
    await device.setFault("split", true, { chunks: 3 });
    await pair.host.write(encodeRequest(IdCardCommand.SamStatus));
    await until(() => chunks.length >= 3);
    expect(chunks).toHaveLength(3);
    expect([...Buffer.concat(chunks).subarray(0, 5)]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
  });
});
