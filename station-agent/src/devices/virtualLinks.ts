/**
 * The links virtual twins run over: a socat PTY pair (the real serial stack; the twin opens the device end, the
 * driver a SerialTransport on the host end) or, without socat or when asked, an in-memory pair carrying the same
 * bytes. Which one is decided once per station and said once in the log.
 */
import type { Logger } from "pino";
import type { Cable, Transport } from "@onewindow/drivers";
import { SerialTransport, createMemoryTransportPair, createPtyPair } from "@onewindow/drivers/node";

/** A link for one twin: `end` for the twin (device end and its cable), `host` for the driver. */
export interface VirtualLink {
  readonly over: "pty" | "memory";
  readonly host: Transport;
  readonly end: { transport: Transport; cable: Cable } | { path: string; cable: Cable };
  dispose(): Promise<void>;
}

export class VirtualLinks {
  private socatMissing: boolean | undefined;

  constructor(
    private readonly log: Logger,
    private readonly forceMemory = false,
  ) {}

  /** Whether twins run over memory: asked for, or socat is missing (said once in the log). */
  async overMemory(): Promise<boolean> {
    if (this.forceMemory) return true;
    if (this.socatMissing === undefined) {
      const probe = await createPtyPair({ name: "probe" }).catch(() => undefined);
      await probe?.dispose();
      this.socatMissing = probe === undefined;
      if (this.socatMissing)
        this.log.warn("socat is missing: the virtual devices run over in-memory links (the same bytes)");
    }
    return this.socatMissing;
  }

  /** A new link named `name` (the twin reopens its own end after an unplug, so the cable is the link itself). */
  async open(name: string): Promise<VirtualLink> {
    if (await this.overMemory()) {
      const link = createMemoryTransportPair({ name });
      return {
        over: "memory",
        host: link.host,
        end: { transport: link.device, cable: link },
        dispose: async () => link.unplug(),
      };
    }
    const link = await createPtyPair({ name });
    return {
      over: "pty",
      host: new SerialTransport({ path: link.hostPath, baudRate: 115200 }),
      end: { path: link.devicePath, cable: { unplug: () => link.unplug(), replug: () => link.replug() } },
      dispose: () => link.dispose(),
    };
  }
}
