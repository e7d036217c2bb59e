import { afterEach, describe, expect, it } from "vitest";
import { nextEvent as next } from "../core/nextEvent.ts";
import { createTestLink, type TestLinkKind } from "../core/linkFixtures.ts";
import { createPtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { FakeHidBackend, HidTransport } from "../core/hidTransport.ts";
import type { DeviceHealth } from "../core/health.ts";
import { createMemoryLog } from "../core/memoryLog.ts";
import type { Logger } from "pino";
import type { AddressHealthChange } from "../frame/lineHealth.ts";
import { CallerKeypad, type CallerKeyEvent, type PollFailure } from "./driver.ts";
import { VirtualCallerKeypad } from "./virtual.ts";

function collect(keypad: CallerKeypad, count: number): Promise<CallerKeyEvent[]> {
  const seen: CallerKeyEvent[] = [];
  return new Promise((resolve) =>
    keypad.on("key", (event: CallerKeyEvent) => {
      seen.push(event);
      if (seen.length === count) resolve(seen);
    }),
  );
}

describe("CallerKeypad with virtual callers (memory link; PTY for unplugs)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function rig(mode: "push" | "poll", addresses = [1], logger?: Logger, kind: TestLinkKind = "memory") {
    const pair = await createTestLink(kind);
    const callers = new VirtualCallerKeypad({ ...pair.device, mode, addresses });
    await callers.start();
    const transport = pair.host;
    const keypad =
      mode === "push"
        ? new CallerKeypad({
            variant: "serial",
            mode,
            transport,
            ackTimeoutMs: 400,
            reconnect: { initialMs: 20 },
            logger,
          })
        : new CallerKeypad({
            variant: "serial",
            mode,
            transport,
            addresses,
            pollIntervalMs: 10,
            ackTimeoutMs: 400,
            reconnect: { initialMs: 20 },
            logger,
          });
    await keypad.open();
    cleanup.push(async () => {
      await keypad.close();
      await callers.stop();
      await pair.dispose();
    });
    return { pair, callers, keypad };
  }

  it("when an RS-232 caller pushes every key, then each arrives as a typed event with its address, in order", async () => {
    const { callers, keypad } = await rig("push", [4]);
    const events = collect(keypad, 9);
    const presses = [
      { kind: "next" },
      { kind: "recall" },
      { kind: "pause" },
      { kind: "resume" },
      { kind: "transfer", targetWindow: 7 },
      { kind: "skip" },
      { kind: "requestRating" },
      { kind: "login", staffId: 4_000_000_001 },
      { kind: "logout" },
    ] as const;
    for (const press of presses) await callers.press(press, 4);
    expect(await events).toEqual(presses.map((p) => ({ ...p, address: 4 })));
  });

  it("when an RS-485 line with callers 1 and 2 is polled, then queued presses arrive with the right address", async () => {
    const { callers, keypad } = await rig("poll", [1, 2]);
    const events = collect(keypad, 3);
    await callers.press({ kind: "next" }, 2);
    await callers.press({ kind: "transfer", targetWindow: 3 }, 1);
    await callers.press({ kind: "pause" }, 2);
    const seen = await events;
    expect(seen.filter((e) => e.address === 2)).toEqual([
      { kind: "next", address: 2 },
      { kind: "pause", address: 2 },
    ]);
    expect(seen.filter((e) => e.address === 1)).toEqual([{ kind: "transfer", targetWindow: 3, address: 1 }]);
    expect(callers.queued(1) + callers.queued(2)).toBe(0);
  });

  it("when text is shown on caller 2 of a polled line, then it is acknowledged and recorded in GB18030", async () => {
    const { callers, keypad } = await rig("poll", [1, 2]);
    await keypad.showText("A023 等待12", 2);
    expect(callers.texts.get(2)).toBe("A023 等待12");
    expect(callers.texts.has(1)).toBe(false);
  });

  it("when a polled address does not exist, then pollFailed names it, the line degrades once without flapping, and the other address keeps working", async () => {
    const pair = await createTestLink();
    const callers = new VirtualCallerKeypad({ ...pair.device, mode: "poll", addresses: [1] });
    await callers.start();
    const keypad = new CallerKeypad({
      variant: "serial",
      mode: "poll",
      transport: pair.host,
      addresses: [1, 9],
      pollIntervalMs: 5,
      ackTimeoutMs: 100,
      retries: 0,
    });
    cleanup.push(async () => {
      await keypad.close();
      await callers.stop();
      await pair.dispose();
    });
    const healthSeen: DeviceHealth[] = [];
    keypad.on("health", (h) => healthSeen.push(h));
    let failures = 0;
    const tenFailures = next<PollFailure>(keypad, "pollFailed", (f) => f.address === 9 && ++failures === 10);
    await keypad.open();
    await tenFailures;
    // Ten rounds in which caller 1 answered and 9 did not: one change to degraded, never back to connected.
    expect(healthSeen.map((h) => h.state)).toEqual(["connected", "degraded"]);
    expect(keypad.health).toMatchObject({
      state: "degraded",
      code: "address-silent",
      reason: "no reply from caller 9",
    });
    expect(keypad.addressHealth.get(1)?.state).toBe("answering");
    expect(keypad.addressHealth.get(9)?.state).toBe("silent");
    const key = next<CallerKeyEvent>(keypad, "key");
    await callers.press({ kind: "recall" }, 1);
    expect(await key).toEqual({ kind: "recall", address: 1 });
  });

  it("when a polled caller goes silent and comes back, then its address health and the line follow", async () => {
    const { callers, keypad } = await rig("poll", [1, 2]);
    const changes: AddressHealthChange[] = [];
    keypad.on("addressHealth", (c) => changes.push(c));
    const degraded = next<DeviceHealth>(keypad, "health", (h) => h.state === "degraded");
    await callers.setFault("silent", true, { addresses: [2] });
    expect((await degraded).reason).toBe("no reply from caller 2");
    const recovered = next<DeviceHealth>(keypad, "health", (h) => h.state === "connected");
    await callers.setFault("silent", false, { addresses: [2] });
    await recovered;
    expect(changes.filter((c) => c.address === 2).map((c) => c.health.state)).toEqual(["silent", "answering"]);
  });

  it("when every polled caller is silent, then the line is disconnected with code no-reply", async () => {
    const { callers, keypad } = await rig("poll", [1, 2]);
    const down = next<DeviceHealth>(keypad, "health", (h) => h.state === "disconnected");
    await callers.setFault("silent", true, { addresses: [1] });
    await callers.setFault("silent", true, { addresses: [2] });
    expect(await down).toMatchObject({ code: "no-reply", reason: "no reply from any caller (1, 2)" });
  });

  it("when a malformed key event is pushed amid garbage, then it is discarded and the next key still arrives", async () => {
    const { callers, keypad } = await rig("push");
    const discarded = next(keypad, "discarded");
    // AA 01 90 01 05 95 55: transfer without its target window
    await callers.sendGarbage(Uint8Array.of(0x13, 0xaa, 0x01, 0x90, 0x01, 0x05, 0x95, 0x55));
    await discarded;
    const key = next<CallerKeyEvent>(keypad, "key");
    await callers.press({ kind: "skip" });
    expect(await key).toEqual({ kind: "skip", address: 1 });
  });

  it("when a polled line is unplugged and replugged, then health follows and key events resume", async () => {
    const { pair, callers, keypad } = await rig("poll", [1], undefined, "pty");
    const down = next<DeviceHealth>(keypad, "health", (h) => h.state === "disconnected");
    await pair.unplug();
    await down;
    const up = next<DeviceHealth>(keypad, "health", (h) => h.state === "connected");
    const back = next(callers, "reconnected");
    await pair.replug();
    await Promise.all([up, back]);
    const key = next<CallerKeyEvent>(keypad, "key");
    await callers.press({ kind: "next" });
    expect(await key).toEqual({ kind: "next", address: 1 });
  });
});

describe("CallerKeypad logging", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  it("when a polled line is unplugged and replugged, then caller-keypad logs the health change at warn and back at info, and frame-link the reopen at info", async () => {
    const memory = createMemoryLog("info");
    const pair = await createPtyPair();
    const callers = new VirtualCallerKeypad({ path: pair.devicePath, mode: "poll", addresses: [1] });
    await callers.start();
    const keypad = new CallerKeypad({
      variant: "serial",
      mode: "poll",
      transport: new SerialTransport({ path: pair.hostPath }),
      addresses: [1],
      pollIntervalMs: 10,
      ackTimeoutMs: 400,
      reconnect: { initialMs: 20 },
      logger: memory.logger,
    });
    cleanup.push(async () => {
      await keypad.close();
      await callers.stop();
      await pair.dispose();
    });
    await keypad.open();
    const down = next<DeviceHealth>(keypad, "health", (h) => h.state === "disconnected");
    await pair.unplug();
    await down;
    const up = next<DeviceHealth>(keypad, "health", (h) => h.state === "connected");
    await pair.replug();
    await up;
    const lines = memory.lines();
    const health = lines.filter((line) => line.module === "caller-keypad" && String(line.msg).startsWith("health"));
    // serialport may report the unplug as a plain close first; the unplugged line is what must be there.
    expect(health[0]).toMatchObject({ level: 30, state: "connected", device: `serial:${pair.hostPath}` });
    expect(health).toContainEqual(
      expect.objectContaining({
        level: 40,
        state: "disconnected",
        code: "unplugged",
        reason: "device unplugged or link lost",
      }),
    );
    expect(health.at(-1)).toMatchObject({ level: 30, state: "connected" });
    expect(lines).toContainEqual(
      expect.objectContaining({ module: "frame-link", level: 30, msg: "port reopened after unplug" }),
    );
  });
});

describe("CallerKeypad (vendor HID) through the fake node-hid backend", () => {
  it("when the HID caller sends login and next, then events carry the configured address; showText is acknowledged", async () => {
    const backend = new FakeHidBackend();
    const callers = new VirtualCallerKeypad({ hid: { backend, path: "/dev/hidraw3" } });
    await callers.start();
    const keypad = new CallerKeypad({
      variant: "hid",
      address: 6,
      transport: new HidTransport({ path: "/dev/hidraw3", backend }),
      ackTimeoutMs: 400,
    });
    await keypad.open();
    try {
      const events = collect(keypad, 2);
      await callers.press({ kind: "login", staffId: 42 });
      await callers.press({ kind: "next" });
      expect(await events).toEqual([
        { kind: "login", staffId: 42, address: 6 },
        { kind: "next", address: 6 },
      ]);
      await keypad.showText("A1");
      expect(callers.texts.get(1)).toBe("A1");
    } finally {
      await keypad.close();
      await callers.stop();
    }
  });
});
