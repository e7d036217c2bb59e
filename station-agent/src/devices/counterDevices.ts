/**
 * A counter's devices from its config: the caller keypad (呼叫器), the LED window strip (窗口屏) and the evaluation
 * keypad (评价器), each over its link (serial; HID for a vendor-HID keypad) or as a virtual twin on a PTY pair or a
 * memory link (./virtualLinks.ts). Opening never throws for an absent device: its driver says "disconnected" and
 * retries by itself (drivers' one face).
 */
import type { Logger } from "pino";
import type { Transport } from "@onewindow/drivers";
import { SerialTransport, TcpTransport, caller, evaluator, led } from "@onewindow/drivers/node";
import { VirtualCallerKeypad, VirtualEvaluationKeypad, VirtualLedStrip } from "@onewindow/drivers/virtual";
import type { DeviceLink, StationConfig } from "../config.ts";
import type { VirtualTwin } from "./stationDevices.ts";
import type { VirtualLinks } from "./virtualLinks.ts";

export type CounterDeviceName = "callerKeypad" | "ledStrip" | "evaluationKeypad";

/** The counter's opened drivers and the twins the agent runs itself. */
export interface CounterDeviceSet {
  callerKeypad?: caller.CallerKeypad;
  ledStrip?: led.LedStrip;
  evaluationKeypad?: evaluator.EvaluationKeypad;
  twins: {
    callerKeypad?: VirtualTwin<VirtualCallerKeypad>;
    ledStrip?: VirtualTwin<VirtualLedStrip>;
    evaluationKeypad?: VirtualTwin<VirtualEvaluationKeypad>;
  };
}

/** The host transport for a real (non-virtual) link of a counter device. */
function realTransport(name: CounterDeviceName, link: Exclude<DeviceLink, { kind: "virtual" }>): Transport {
  switch (link.kind) {
    case "serial":
      return new SerialTransport({ path: link.path, baudRate: link.baudRate });
    case "tcp":
      return new TcpTransport({ host: link.host, port: link.port });
    default:
      throw new Error(`${name}: a ${link.kind} link is not supported for this device (use serial, tcp or virtual)`);
  }
}

/** Build (not open) the counter devices `config.devices` names. */
export async function buildCounterDevices(
  config: StationConfig,
  links: VirtualLinks,
  log: Logger,
): Promise<CounterDeviceSet> {
  const { callerKeypad, ledStrip, evaluationKeypad } = config.devices;
  const set: CounterDeviceSet = { twins: {} };
  if (callerKeypad) {
    let transport: Transport;
    if (callerKeypad.link.kind === "virtual") {
      const link = await links.open("callerKeypad");
      const device = new VirtualCallerKeypad({
        ...link.end,
        mode: callerKeypad.mode,
        addresses: [callerKeypad.address],
      });
      await device.start();
      set.twins.callerKeypad = {
        device,
        over: link.over,
        stop: async () => (await device.stop(), await link.dispose()),
      };
      transport = link.host;
    } else transport = realTransport("callerKeypad", callerKeypad.link);
    set.callerKeypad = new caller.CallerKeypad(
      callerKeypad.mode === "poll"
        ? { variant: "serial", mode: "poll", addresses: [callerKeypad.address], transport, logger: log }
        : { variant: "serial", mode: "push", transport, logger: log },
    );
  }
  if (ledStrip) {
    let transport: Transport;
    if (ledStrip.link.kind === "virtual") {
      const link = await links.open("ledStrip");
      const device = new VirtualLedStrip({ ...link.end, addresses: [ledStrip.address] });
      await device.start();
      set.twins.ledStrip = { device, over: link.over, stop: async () => (await device.stop(), await link.dispose()) };
      transport = link.host;
    } else transport = realTransport("ledStrip", ledStrip.link);
    set.ledStrip = new led.LedStrip({ transport, defaultAddress: ledStrip.address, logger: log });
  }
  if (evaluationKeypad) {
    let transport: Transport;
    if (evaluationKeypad.link.kind === "virtual") {
      const link = await links.open("evaluationKeypad");
      const device = new VirtualEvaluationKeypad({ ...link.end, address: evaluationKeypad.address });
      await device.start();
      set.twins.evaluationKeypad = {
        device,
        over: link.over,
        stop: async () => (await device.stop(), await link.dispose()),
      };
      transport = link.host;
    } else transport = realTransport("evaluationKeypad", evaluationKeypad.link);
    set.evaluationKeypad = evaluator.EvaluationKeypad.create({
      variant: "serial",
      address: evaluationKeypad.address,
      keys: evaluationKeypad.keys === 5 ? evaluator.fiveKeyProfile : evaluator.fourKeyProfile,
      transport,
      logger: log,
    });
  }
  return set;
}
