import { describe, expect, it } from "vitest";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { LineHealth } from "./lineHealth.ts";

const open: DeviceHealth = { state: "connected", reason: "", since: 0 };
const unplugged: DeviceHealth = { state: "disconnected", reason: "unplugged", code: "unplugged", since: 0 };
const timeout = new DriverError(DriverErrorCode.Timeout, "no LED strip 2 reply after 4 attempts");

function line(addresses = [1, 2, 3]): LineHealth {
  const health = new LineHealth({ addresses, device: "LED strip", now: () => 42 });
  health.onPort(open);
  health.refresh();
  return health;
}

describe("LineHealth", () => {
  it("when the port is not open yet, then the line reads disconnected, code closed (every driver's health before open)", () => {
    const health = new LineHealth({ addresses: [1], device: "caller" });
    expect(health.summary).toMatchObject({ state: "disconnected", code: "closed" });
  });

  it("when every address is unknown or answering, then the line is connected", () => {
    const health = line();
    expect(health.summary.state).toBe("connected");
    health.onExchange(1);
    expect(health.refresh()).toBeUndefined();
    expect(health.addresses.get(1)).toEqual({ state: "answering", reason: "", since: 42 });
  });

  it("when one exchange times out, then that address is silent and the line degraded naming it", () => {
    const health = line();
    expect(health.onExchange(2, timeout)).toEqual({
      address: 2,
      health: { state: "silent", reason: timeout.message, since: 42 },
    });
    expect(health.refresh()).toEqual({
      state: "degraded",
      reason: "no reply from LED strip 2",
      code: "address-silent",
      since: 42,
    });
  });

  it("when a silent address keeps timing out while others answer, then nothing changes again (no flapping)", () => {
    const health = line();
    health.onExchange(1);
    health.onExchange(2, timeout);
    health.onExchange(3);
    health.refresh();
    for (let round = 0; round < 5; round++) {
      expect(health.onExchange(1)).toBeUndefined();
      expect(health.onExchange(2, timeout)).toBeUndefined();
      expect(health.onExchange(3)).toBeUndefined();
      expect(health.refresh()).toBeUndefined();
    }
    expect(health.summary.state).toBe("degraded");
  });

  it("when two of three are silent, then the reason lists both; when all are, the line is disconnected no-reply", () => {
    const health = line();
    health.onExchange(3, timeout);
    health.onExchange(1, timeout);
    expect(health.refresh()?.reason).toBe("no reply from LED strips 1, 3");
    health.onExchange(2, timeout);
    expect(health.refresh()).toMatchObject({
      state: "disconnected",
      code: "no-reply",
      reason: "no reply from any LED strip (1, 2, 3)",
    });
  });

  it("when noneAnswering is degraded and the only unit is silent, then the line is degraded no-reply", () => {
    const health = new LineHealth({ addresses: [1], device: "evaluation keypad", noneAnswering: "degraded" });
    health.onPort(open);
    health.onExchange(1, timeout);
    expect(health.refresh()).toMatchObject({ state: "degraded", code: "no-reply" });
  });

  it("when a silent address is heard from, then it answers again and the line is connected", () => {
    const health = line();
    health.onExchange(2, timeout);
    health.refresh();
    expect(health.onHeard(2)?.health.state).toBe("answering");
    expect(health.refresh()?.state).toBe("connected");
  });

  it("when an exchange is refused (NotAcknowledged, DeviceStatus), then the address counts as answering", () => {
    const health = line();
    health.onExchange(1, timeout);
    health.onExchange(1, new DriverError(DriverErrorCode.NotAcknowledged, "refused"));
    expect(health.addresses.get(1)?.state).toBe("answering");
    health.onExchange(2, new DriverError(DriverErrorCode.DeviceStatus, "bad command"));
    expect(health.addresses.get(2)?.state).toBe("answering");
  });

  it("when an exchange ends by disconnect, cancel or a non-driver error, then the address is unchanged", () => {
    const health = line();
    for (const error of [
      new DriverError(DriverErrorCode.Disconnected, "gone"),
      new DriverError(DriverErrorCode.Cancelled, "closed"),
      new Error("bug"),
    ])
      expect(health.onExchange(1, error)).toBeUndefined();
    expect(health.addresses.get(1)?.state).toBe("unknown");
  });

  it("when the port goes away, then the line takes the port's health; when it reopens, addresses are unknown again", () => {
    const health = line();
    health.onExchange(2, timeout);
    health.onExchange(1);
    health.refresh();
    expect(health.onPort(unplugged)).toEqual([]);
    expect(health.refresh()).toMatchObject({ state: "disconnected", code: "unplugged" });
    const changes = health.onPort(open);
    expect(changes.map((c) => [c.address, c.health.state])).toEqual([
      [1, "unknown"],
      [2, "unknown"],
    ]);
    expect(health.refresh()?.state).toBe("connected");
  });

  it("when an address outside the configuration is used, then it joins the map", () => {
    const health = line([1]);
    health.onExchange(7, timeout);
    expect([...health.addresses.keys()]).toEqual([1, 7]);
    expect(health.refresh()?.reason).toBe("no reply from LED strip 7");
  });
});
