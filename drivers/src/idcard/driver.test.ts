import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError, type DriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { createMemoryLog } from "../core/memoryLog.ts";
import { createPtyPair, type PtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { createMemoryTransportPair } from "../core/memoryTransport.ts";
import type { Cable, Transport } from "../core/transport.ts";
import { IdCardCommand, Sw3 } from "./codec.ts";
import { IdCardReader, defaultTimeouts, wireTimeMs, type IdCardReaderOptions } from "./driver.ts";
import type { CardRead } from "./payload.ts";
import { sampleCards, type VirtualCard } from "./sampleCards.ts";
import { VirtualIdCardReader, type VirtualIdCardReaderSettings } from "./virtual.ts";

interface Rig {
  /** The PTY pair of a "pty" rig; undefined on a memory link. */
  pair: PtyPair | undefined;
  /** The cable between reader and virtual reader, whichever link it is. */
  cable: Cable;
  virtual: VirtualIdCardReader;
  reader: IdCardReader;
  cards: CardRead[];
  errors: DriverError[];
}

let rig: Rig | undefined;

async function createRig(
  readerOptions: IdCardReaderOptions = {},
  virtualOptions: VirtualIdCardReaderSettings = {},
  link: "memory" | "pty" = "memory",
): Promise<Rig> {
  let pair: PtyPair | undefined;
  let cable: Cable;
  let host: Transport;
  let virtual: VirtualIdCardReader;
  if (link === "pty") {
    pair = await createPtyPair();
    cable = pair;
    virtual = new VirtualIdCardReader({ path: pair.devicePath, ...virtualOptions });
    host = new SerialTransport({ path: pair.hostPath, baudRate: 115200 });
  } else {
    const memory = createMemoryTransportPair({ name: "idcard" });
    cable = memory;
    virtual = new VirtualIdCardReader({ transport: memory.device, ...virtualOptions });
    host = memory.host;
  }
  await virtual.start();
  const reader = new IdCardReader(host, {
    pollIntervalMs: 10,
    reconnect: { initialMs: 20, maxMs: 100 },
    ...readerOptions,
  });
  const cards: CardRead[] = [];
  const errors: DriverError[] = [];
  reader.on("card", (read) => cards.push(read));
  reader.on("readError", (error) => errors.push(error));
  rig = { pair, cable, virtual, reader, cards, errors };
  await reader.open();
  return rig;
}

afterEach(async () => {
  if (!rig) return;
  await rig.reader.close();
  await rig.virtual.stop();
  await rig.pair?.dispose();
  rig = undefined;
});

/** Resolve after the virtual reader has received `count` more find requests. */
function finds(virtual: VirtualIdCardReader, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onRequest = (request: { cmd: number; para: number }): void => {
      if (request.cmd !== IdCardCommand.FindCard.cmd || request.para !== IdCardCommand.FindCard.para) return;
      if (++seen < count) return;
      virtual.off("request", onRequest);
      resolve();
    };
    virtual.on("request", onRequest);
  });
}

async function nextCard(reader: IdCardReader): Promise<CardRead> {
  const [read] = (await once(reader, "card")) as [CardRead];
  return read;
}

async function healthBecomes(reader: IdCardReader, state: DeviceHealth["state"]): Promise<DeviceHealth> {
  if (reader.health.state === state) return reader.health;
  for (;;) {
    const [health] = (await once(reader, "health")) as [DeviceHealth];
    if (health.state === state) return health;
  }
}

describe("IdCardReader timeouts", () => {
  it("when sized for 115200 baud, then the read timeout covers a 2321-byte reply's ~202 ms on the wire", () => {
    expect(wireTimeMs(2321, 115200)).toBe(202);
    expect(defaultTimeouts(115200).read).toBeGreaterThan(wireTimeMs(2321, 115200));
    expect(defaultTimeouts(9600).read).toBeGreaterThan(wireTimeMs(2321, 9600));
  });
});

describe("IdCardReader with the virtual reader (memory link; PTY where the serial stack matters)", () => {
  it.each(Object.keys(sampleCards) as (keyof typeof sampleCards)[])(
    "when the %s card is placed, then it is reported once and removal after the read is reported",
    async (name) => {
      const { virtual, reader, cards } = await createRig();
      const sample: VirtualCard = sampleCards[name];
      const card = nextCard(reader);
      const removed = once(reader, "removed");
      virtual.placeCard(sample);
      const read = await card;
      expect(read.card).toMatchObject(sample.fields);
      expect(read.card.idNumberValid).toBe(name !== "invalidCheckDigit");
      expect(read.photo).toEqual(sample.photo);
      await removed;
      // The card stays on the reader for several more polls: still one report.
      await finds(virtual, 5);
      expect(cards).toHaveLength(1);
    },
  );

  it("when the card is removed and placed again, then it is reported a second time", async () => {
    const { virtual, reader, cards } = await createRig();
    const first = nextCard(reader);
    virtual.placeCard(sampleCards.resident);
    await first;
    await finds(virtual, 2);
    virtual.removeCard();
    await finds(virtual, 2);
    const second = nextCard(reader);
    virtual.placeCard(sampleCards.foreign2023);
    expect((await second).card.type).toBe("foreign-permanent-2023");
    expect(cards.map((c) => c.card.type)).toEqual(["resident", "foreign-permanent-2023"]);
  });

  it("when the reader lacks the protection design and keeps answering 9F, then the card is still reported once", async () => {
    const { virtual, reader, cards } = await createRig({}, { protectionDesign: false });
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.hongKongPermit);
    await card;
    await finds(virtual, 5);
    expect(cards).toHaveLength(1);
  });

  it("when no card is present, then polling reports neither cards nor errors and health stays connected", async () => {
    const { virtual, reader, cards, errors } = await createRig();
    await finds(virtual, 5);
    expect(cards).toEqual([]);
    expect(errors).toEqual([]);
    expect(reader.health.state).toBe("connected");
  });

  it("when reading with fingerprint, then the fingerprint bytes come with the card", async () => {
    const { virtual, reader } = await createRig({ readFingerprint: true });
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.resident);
    expect((await card).fingerprint).toEqual(sampleCards.resident.fingerprint);
  });

  it("when the reader replies too slowly, then a typed Timeout is reported and polling recovers", async () => {
    const { virtual, reader } = await createRig({ timeouts: { find: 100 }, degradedAfterTimeouts: 1 });
    await virtual.setFault("slow", true, { delayMs: 400 });
    const [error] = (await once(reader, "readError")) as [DriverError];
    expect(error.code).toBe(DriverErrorCode.Timeout);
    expect((await healthBecomes(reader, "degraded")).code).toBe("timeout");
    await virtual.setFault("slow", false);
    await healthBecomes(reader, "connected");
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.residentLongTerm);
    expect((await card).card).toMatchObject({ validTo: "长期", longTerm: true });
  });

  it("when the reader goes silent, then every poll times out and health turns degraded", async () => {
    const { virtual, reader } = await createRig({ timeouts: { find: 50 }, degradedAfterTimeouts: 2 });
    await virtual.setFault("silent", true);
    const health = await healthBecomes(reader, "degraded");
    expect(health).toMatchObject({ code: "timeout" });
  });

  it("when the SAM fails its self-test, then reads fail with SamFault and health is degraded until it recovers", async () => {
    const { virtual, reader } = await createRig();
    await healthBecomes(reader, "connected");
    await virtual.setFault("sam-fault", true, { status: Sw3.SamSelfTestFailed });
    const [error] = (await once(reader, "readError")) as [DriverError];
    expect(error.code).toBe(DriverErrorCode.SamFault);
    expect((await healthBecomes(reader, "degraded")).code).toBe("sam-fault");
    await virtual.setFault("sam-fault", false);
    await healthBecomes(reader, "connected");
  });

  it("when replies arrive split into many chunks, then the card is reassembled", async () => {
    const { virtual, reader } = await createRig({}, { splitReplies: 9 });
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.residentUyghur);
    expect((await card).card).toMatchObject(sampleCards.residentUyghur.fields);
  });

  it("when garbage precedes every reply, then the driver resyncs, reports the discards and reads the card", async () => {
    const { virtual, reader } = await createRig(
      {},
      { garbageBeforeReply: Uint8Array.of(0x00, 0xaa, 0x13, 0xaa, 0xaa, 0x96) },
    );
    const discarded = once(reader, "discarded");
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.foreign2017);
    expect((await card).card).toMatchObject(sampleCards.foreign2017.fields);
    const [bytes, reason] = (await discarded) as [Uint8Array, string];
    expect(reason).toBe("garbage");
    expect(bytes.length).toBeGreaterThan(0);
  });

  it("when replies arrive with a corrupted checksum, then they are discarded, the command times out and the card is still read", async () => {
    const { virtual, reader, errors } = await createRig({ timeouts: { find: 150 } });
    await finds(virtual, 1);
    const discarded = new Promise<void>((resolve) =>
      reader.on("discarded", (_bytes, reason) => {
        if (reason === "bad-checksum") resolve();
      }),
    );
    await virtual.setFault("corrupt", true, { count: 2 });
    await discarded;
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.resident);
    expect((await card).card.idNumber).toBe(sampleCards.resident.fields.idNumber);
    expect(errors.some((e) => e.code === DriverErrorCode.Timeout)).toBe(true);
  });

  it("when a header with a corrupted in-range Len arrives, then the stale partial frame is dropped and a card is read within a few polls", async () => {
    const { virtual, reader } = await createRig();
    await finds(virtual, 1);
    const stale = new Promise<void>((resolve) =>
      reader.on("discarded", (_bytes, reason) => {
        if (reason === "incomplete") resolve();
      }),
    );
    // Len 0x0508: without a resync the parser waits for 1295 bytes, about 86 find replies.
    virtual.injectBytes(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x05, 0x08, 0x00));
    virtual.placeCard(sampleCards.resident);
    // The deadline is counted in polls, not time: 20 find replies are far fewer than the bogus frame's 1295 bytes.
    const outcome = await Promise.race([
      nextCard(reader).then((read) => read.card.idNumber),
      finds(virtual, 20).then(() => "no card after 20 polls"),
    ]);
    expect(outcome).toBe(sampleCards.resident.fields.idNumber);
    await stale;
  });

  it("when the reader is unplugged and plugged back, then health goes disconnected then connected and reading resumes", async () => {
    const { cable, virtual, reader } = await createRig({}, {}, "pty");
    await finds(virtual, 1);
    const down = healthBecomes(reader, "disconnected");
    await cable.unplug();
    expect((await down).code).toBe("unplugged");
    const up = healthBecomes(reader, "connected");
    await cable.replug();
    await up;
    const card = nextCard(reader);
    virtual.placeCard(sampleCards.taiwanPermit);
    expect((await card).card).toMatchObject({ type: "hk-macau-taiwan-permit", region: "taiwan" });
  });

  it("when the SAM id and status are asked between polls, then they are answered", async () => {
    const { reader } = await createRig();
    expect(await reader.samId()).toBe("05.01-20260101-0000012345-0000067890");
    expect((await reader.samStatus()).name).toBe("Success");
  });

  it("when the host port does not exist at open, then open rejects OpenFailed and health reports disconnected", async () => {
    const { pair } = await createRig({}, {}, "pty");
    const orphan = new IdCardReader(new SerialTransport({ path: `${pair!.dir}/missing` }), {
      reconnect: { initialMs: 20, maxMs: 40 },
    });
    const error: unknown = await orphan.open().catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.OpenFailed);
    expect(orphan.health).toMatchObject({ state: "disconnected", code: "open-failed" });
    await orphan.close();
  });
});

describe("IdCardReader logging", () => {
  it("when the reader goes silent and answers again, then idcard-reader logs degraded at warn with the reason, connected at info, and the timeouts at debug", async () => {
    const memory = createMemoryLog("debug");
    const { virtual, reader } = await createRig({
      timeouts: { find: 50 },
      degradedAfterTimeouts: 2,
      logger: memory.logger,
    });
    await virtual.setFault("silent", true);
    await healthBecomes(reader, "degraded");
    await virtual.setFault("silent", false);
    await healthBecomes(reader, "connected");
    const lines = memory.lines().filter((line) => line.module === "idcard-reader");
    const health = lines.filter((line) => String(line.msg).startsWith("health"));
    expect(health).toMatchObject([
      { level: 30, state: "connected", device: "memory:idcard/host" },
      {
        level: 40,
        state: "degraded",
        code: "timeout",
        reason: "reader not answering (find card, 2 timeouts in a row)",
      },
      { level: 30, state: "connected" },
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 20, msg: "no reply in time", what: "find card", inARow: 1 }),
    );
    // A timeout is routine while the reader is silent: never louder than debug.
    expect(lines.filter((line) => line.code === "Timeout").every((line) => line.level === 20)).toBe(true);
  });

  it("when the SAM keeps failing its self-test, then the read error is logged at warn once and its repeats only at debug", async () => {
    const memory = createMemoryLog("debug");
    const { virtual, reader } = await createRig({ logger: memory.logger });
    await healthBecomes(reader, "connected");
    let failures = 0;
    const threeFailures = new Promise<void>((resolve) =>
      reader.on("readError", () => {
        if (++failures === 3) resolve();
      }),
    );
    await virtual.setFault("sam-fault", true, { status: Sw3.SamSelfTestFailed });
    await threeFailures;
    const samErrors = memory.lines().filter((line) => line.code === "SamFault");
    expect(samErrors.length).toBeGreaterThanOrEqual(3);
    expect(samErrors.filter((line) => line.level === 40)).toHaveLength(1);
    expect(memory.lines()).toContainEqual(
      expect.objectContaining({ level: 40, module: "idcard-reader", state: "degraded", code: "sam-fault" }),
    );
  });

  it("when a card is read with debug logging on, even after its read reply was corrupted, then no personal field of the card appears in the log", async () => {
    const memory = createMemoryLog("debug");
    // Without the protection design the reader finds the card again after the lost read, so a second read lands.
    const { virtual, reader } = await createRig(
      { timeouts: { read: 300 }, logger: memory.logger },
      { protectionDesign: false },
    );
    const sample = sampleCards.resident;
    // Corrupt the first read reply, the frame that carries the card's text: the reader must discard it unlogged.
    const onRequest = (request: { cmd: number; para: number }): void => {
      if (request.cmd !== IdCardCommand.ReadTextPhoto.cmd || request.para !== IdCardCommand.ReadTextPhoto.para) return;
      virtual.off("request", onRequest);
      // FaultBoard applies a knob synchronously: this reply is already corrupted.
      void virtual.setFault("corrupt", true, { count: 1 });
    };
    virtual.on("request", onRequest);
    const card = nextCard(reader);
    virtual.placeCard(sample);
    expect((await card).card.idNumber).toBe(sample.fields.idNumber);
    const text = memory.text();
    for (const value of [
      sample.fields.idNumber,
      sample.fields.name,
      sample.fields.address,
      sample.fields.authority,
      sample.fields.birthDate,
    ])
      expect(text).not.toContain(value);
    const lines = memory.lines();
    expect(lines).toContainEqual(expect.objectContaining({ msg: "card read", cardType: "resident", cardsRead: 1 }));
    // The corrupted card frame (text 256 + photo 1024 bytes and more) shows up as counts and reasons only.
    const dropped = lines.filter((line) => line.msg === "discarded bytes");
    expect(dropped.some((line) => line.reason === "bad-checksum")).toBe(true);
    expect(dropped.reduce((sum, line) => sum + Number(line.count), 0)).toBeGreaterThanOrEqual(256 + 1024);
    expect(lines.some((line) => Object.values(line).some((value) => Array.isArray(value)))).toBe(false);
  });
});
