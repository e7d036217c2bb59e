/**
 * Test links between a driver and its virtual device: "memory" (fast, the default in driver tests) or "pty" (a
 * socat PTY pair, where the serial stack itself is under test). Both give the driver's `host` Transport, the options
 * a virtual device listens with (`device`) and the cable to pull.
 */
import type { DeviceEndOptions } from "./deviceEnd.ts";
import { createMemoryTransportPair } from "./memoryTransport.ts";
import { createPtyPair } from "./ptyPair.ts";
import { SerialTransport } from "./serialTransport.ts";
import type { Cable, Transport } from "./transport.ts";

export type TestLinkKind = "memory" | "pty";

export interface TestLink extends Cable {
  readonly kind: TestLinkKind;
  /** The driver's end. */
  readonly host: Transport;
  /** Spread into a virtual device's options. */
  readonly device: DeviceEndOptions;
  /** The PTY pair's directory ("pty" only). */
  readonly dir: string | undefined;
  dispose(): Promise<void>;
}

/** A fresh link of `kind`; `baudRate` applies to the PTY host end. */
export async function createTestLink(kind: TestLinkKind = "memory", baudRate?: number): Promise<TestLink> {
  if (kind === "memory") {
    const pair = createMemoryTransportPair({ name: "test" });
    return {
      kind,
      host: pair.host,
      device: { transport: pair.device },
      dir: undefined,
      unplug: () => pair.unplug(),
      replug: () => pair.replug(),
      dispose: () => Promise.resolve(),
    };
  }
  const pair = await createPtyPair();
  return {
    kind,
    host: new SerialTransport(baudRate === undefined ? { path: pair.hostPath } : { path: pair.hostPath, baudRate }),
    device: { path: pair.devicePath },
    dir: pair.dir,
    unplug: () => pair.unplug(),
    replug: () => pair.replug(),
    dispose: () => pair.dispose(),
  };
}
