import { afterEach, describe, expect, it, vi } from "vitest";
import { nextEvent as next } from "../core/nextEvent.ts";
import { createTestLink, type TestLinkKind } from "../core/linkFixtures.ts";
import { FakeHidBackend, HidTransport } from "../core/hidTransport.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { createMemoryLog } from "../core/memoryLog.ts";
import type { Logger } from "pino";
import { EvaluationKeypad, type Rating, type UnsolicitedKey } from "./driver.ts";
import { VirtualEvaluationKeypad } from "./virtual.ts";
import { fiveKeyProfile, VoicePrompt } from "./codec.ts";

describe("EvaluationKeypad (serial) against VirtualEvaluationKeypad (memory link; PTY for unplugs)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function rig(options: { keys?: typeof fiveKeyProfile; logger?: Logger; link?: TestLinkKind } = {}) {
    const pair = await createTestLink(options.link ?? "memory");
    const device = new VirtualEvaluationKeypad({ ...pair.device, address: 1 });
    await device.start();
    const keypad = EvaluationKeypad.create({
      variant: "serial",
      transport: pair.host,
      address: 1,
      heartbeatMs: 0,
      ackTimeoutMs: 500,
      reconnect: { initialMs: 20 },
      logger: options.logger,
      ...(options.keys ? { keys: options.keys } : {}),
    });
    await keypad.open();
    cleanup.push(async () => {
      await keypad.close();
      await device.stop();
      await pair.dispose();
    });
    return { pair, device, keypad };
  }

  it("when a rating is requested and key 1 is pressed, then it resolves rated 5 非常满意 and the unit saw the staff name", async () => {
    const { device, keypad } = await rig();
    const requested = device.expectRequest();
    const outcome = keypad.requestRating({ timeoutSec: 30, staffName: "张三" });
    expect(await requested).toEqual({ timeoutSec: 30, staffName: "张三" });
    await device.press(1);
    expect(await outcome).toEqual({ kind: "rated", level: 5, label: "非常满意", key: "1" });
    expect(keypad.rating).toBe(false);
  });

  it("when a key settles an armed rating, then a typed rated event carries what the promise resolves; unsolicited keys and timeouts emit none", async () => {
    const { device, keypad } = await rig();
    const rated: Rating[] = [];
    keypad.on("rated", (r) => rated.push(r));
    const unsolicited = next<UnsolicitedKey>(keypad, "unsolicited");
    await device.press(3);
    await unsolicited;
    expect(await keypad.requestRating({ timeoutSec: 1 })).toEqual({ kind: "timeout" });
    const outcome = keypad.requestRating({ timeoutSec: 30 });
    await device.expectRequest();
    const event = next<Rating>(keypad, "rated");
    await device.press(1);
    expect(await event).toEqual(await outcome);
    expect(rated).toEqual([{ kind: "rated", level: 5, label: "非常满意", key: "1" }]);
  });

  it("when the unit's own timeout passes, then the request resolves as timeout", async () => {
    const { keypad } = await rig();
    expect(await keypad.requestRating({ timeoutSec: 1 })).toEqual({ kind: "timeout" });
  });

  it("when the first acknowledgement is dropped, then the driver resends and the rating still completes", async () => {
    const { device, keypad } = await rig();
    await device.setFault("drop", true, { count: 1 });
    let requests = 0;
    device.on("request", () => requests++);
    const second = next(device, "request", () => requests === 2);
    const outcome = keypad.requestRating({ timeoutSec: 30 });
    await second;
    await device.press(4);
    expect(await outcome).toMatchObject({ kind: "rated", level: 2 });
    expect(requests).toBe(2);
  });

  it("when the unit never acknowledges, then the request rejects with Timeout, health turns degraded, and an answer restores it", async () => {
    const { device, keypad } = await rig();
    await device.setFault("drop", true, { count: 100 });
    const degraded = next<DeviceHealth>(keypad, "health", (h) => h.state === "degraded");
    const error: unknown = await keypad.requestRating({ timeoutSec: 5 }).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Timeout);
    expect((await degraded).code).toBe("no-reply");
    expect(keypad.rating).toBe(false);
    await device.setFault("drop", false);
    await keypad.playVoice(VoicePrompt.Thanks);
    expect(keypad.health.state).toBe("connected");
  });

  it("when the unit stops acknowledging and answers again, then evaluation-keypad logs degraded at warn with the reason and connected at info", async () => {
    const memory = createMemoryLog("info");
    const { pair, device, keypad } = await rig({ logger: memory.logger });
    await device.setFault("drop", true, { count: 100 });
    await keypad.requestRating({ timeoutSec: 5 }).catch(() => undefined);
    await device.setFault("drop", false);
    await keypad.playVoice(VoicePrompt.Thanks);
    const health = memory
      .lines()
      .filter((line) => line.module === "evaluation-keypad" && String(line.msg).startsWith("health"));
    expect(health).toMatchObject([
      { level: 30, state: "connected", device: pair.host.description },
      { level: 40, state: "degraded", code: "no-reply", reason: "no reply from any evaluation keypad (1)" },
      { level: 30, state: "connected" },
    ]);
  });

  it("when a key is pressed with nothing armed, then it is an unsolicited event and not a rating", async () => {
    const { device, keypad } = await rig();
    const unsolicited = next<UnsolicitedKey>(keypad, "unsolicited");
    await device.press(2);
    expect(await unsolicited).toEqual({ key: "2", level: 4 });
  });

  it("when a 5-key profile is used and key 5 is pressed, then the level is 1 非常不满意; a 4-key profile discards it", async () => {
    const five = await rig({ keys: fiveKeyProfile });
    const outcome = five.keypad.requestRating({ timeoutSec: 30 });
    await five.device.expectRequest();
    await five.device.press(5);
    expect(await outcome).toMatchObject({ kind: "rated", level: 1, label: "非常不满意" });

    const four = await rig();
    const discarded = next<{ key: string }>(four.keypad, "discarded");
    await four.device.press(5);
    expect((await discarded).key).toBe("5");
  });

  it("when a second rating is requested while one is armed, then it rejects with Busy", async () => {
    const { device, keypad } = await rig();
    const first = keypad.requestRating({ timeoutSec: 30 });
    await device.expectRequest();
    const error: unknown = await keypad.requestRating({ timeoutSec: 30 }).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Busy);
    await device.press(3);
    expect(await first).toMatchObject({ kind: "rated", level: 3 });
  });

  it("when replies come split byte by byte after garbage, then the rating still round-trips", async () => {
    const { device, keypad } = await rig();
    await device.setFault("split", true);
    await device.setFault("garbage", true, { bytes: Uint8Array.of(0x00, 0x13, 0x37) });
    const discarded = next(keypad, "discarded");
    const outcome = keypad.requestRating({ timeoutSec: 30 });
    await device.expectRequest();
    await device.press(2);
    expect(await outcome).toMatchObject({ kind: "rated", level: 4 });
    await device.sendGarbage(Uint8Array.of(0xaa, 0x01, 0x55, 0x07, 0x00, 0x00));
    await device.press(9); // not in the 4-key profile: discarded as a key, after the framer dropped the noise
    await discarded;
  });

  it("when the unit is unplugged and replugged, then health goes disconnected, then connected, and ratings work again", async () => {
    const { pair, device, keypad } = await rig({ link: "pty" });
    const down = next<DeviceHealth>(keypad, "health", (h) => h.state === "disconnected");
    await pair.unplug();
    expect((await down).code).toBe("unplugged");
    const error: unknown = await keypad.requestRating({ timeoutSec: 5 }).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Disconnected);
    const up = next<DeviceHealth>(keypad, "health", (h) => h.state === "connected");
    const deviceBack = next(device, "reconnected");
    await pair.replug();
    await up;
    await deviceBack; // the virtual unit reopens its end on its own, like a unit powering up
    const requested = device.expectRequest();
    const outcome = keypad.requestRating({ timeoutSec: 30 });
    await requested;
    await device.press(1);
    expect(await outcome).toMatchObject({ kind: "rated", level: 5 });
  });

  it("when the heartbeat is on, then polls keep health connected and the unit answers them", async () => {
    const pair = await createTestLink();
    const device = new VirtualEvaluationKeypad({ ...pair.device });
    await device.start();
    const keypad = EvaluationKeypad.create({
      variant: "serial",
      transport: pair.host,
      heartbeatMs: 20,
      ackTimeoutMs: 500,
    });
    cleanup.push(async () => {
      await keypad.close();
      await device.stop();
      await pair.dispose();
    });
    const polled = new Promise<void>((resolve) => {
      let count = 0;
      device.on("polled", () => ++count === 3 && resolve());
    });
    await keypad.open();
    await polled;
    expect(keypad.health.state).toBe("connected");
  });
});

describe("EvaluationKeypad (vendor HID) through the fake node-hid backend", () => {
  it("when a rating is requested over HID and key 2 is pressed, then it resolves rated 4; unplug/replug recovers", async () => {
    const backend = new FakeHidBackend();
    const device = new VirtualEvaluationKeypad({ hid: { backend, path: "/dev/hidraw7" } });
    await device.start();
    const keypad = EvaluationKeypad.create({
      variant: "hid",
      transport: new HidTransport({ path: "/dev/hidraw7", backend }),
      heartbeatMs: 0,
      ackTimeoutMs: 500,
      reconnect: { initialMs: 10 },
    });
    await keypad.open();
    try {
      const requested = device.expectRequest();
      const outcome = keypad.requestRating({ timeoutSec: 20, staffName: "李四" });
      expect(await requested).toEqual({ timeoutSec: 20, staffName: "" }); // HID reports carry no name
      await device.press(2);
      expect(await outcome).toMatchObject({ kind: "rated", level: 4, key: "2" });

      const down = next<DeviceHealth>(keypad, "health", (h) => h.state === "disconnected");
      backend.unplug("/dev/hidraw7");
      await down;
      const up = next<DeviceHealth>(keypad, "health", (h) => h.state === "connected");
      backend.plug("/dev/hidraw7");
      await up;
      const again = device.expectRequest();
      const second = keypad.requestRating({ timeoutSec: 20 });
      await again;
      await device.press(1);
      expect(await second).toMatchObject({ kind: "rated", level: 5 });
    } finally {
      await keypad.close();
      await device.stop();
    }
  });
});

describe("EvaluationKeypad (keyboard emulation)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("when F10 is pressed after a request, then it resolves rated 4 满意; F1 is discarded and F9 alone is unsolicited", async () => {
    const keypad = EvaluationKeypad.create({ variant: "keyboard" });
    const discarded: unknown[] = [];
    const unsolicited: unknown[] = [];
    keypad.on("discarded", (d) => discarded.push(d));
    keypad.on("unsolicited", (u) => unsolicited.push(u));
    const rated: Rating[] = [];
    keypad.on("rated", (r) => rated.push(r));
    const outcome = keypad.requestRating({ timeoutSec: 10 });
    keypad.pressKey("F1");
    keypad.pressKey("F10");
    expect(await outcome).toEqual({ kind: "rated", level: 4, label: "满意", key: "F10" });
    expect(rated).toEqual([await outcome]);
    keypad.pressKey("F9");
    expect(discarded).toHaveLength(1);
    expect(unsolicited).toEqual([{ key: "F9", level: 5 }]);
  });

  it("when a keyboard unit gets a key outside its profile, then evaluation-keypad logs the discard at debug", () => {
    const memory = createMemoryLog("debug");
    const keypad = EvaluationKeypad.create({ variant: "keyboard", logger: memory.logger });
    keypad.pressKey("F1");
    keypad.pressKey("F9");
    expect(memory.lines()).toMatchObject([
      { level: 20, module: "evaluation-keypad", device: "keyboard", key: "F1", msg: "key not in profile; discarded" },
    ]);
  });

  it("when nobody presses a key, then the request times out after timeoutSec plus grace", async () => {
    vi.useFakeTimers();
    const keypad = EvaluationKeypad.create({ variant: "keyboard", graceMs: 0 });
    const outcome = keypad.requestRating({ timeoutSec: 15 });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(keypad.rating).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual({ kind: "timeout" });
  });
});
