/**
 * The virtual ticket printer: the printer's side of ESC/POS, run over a real PTY pair (socat) or a TCP port,
 * with fault knobs. Tests, the demo and `virtual-hall` print to it; it records every ticket.
 *
 *   link "data" --EscPosDecoder--> real-time commands (DLE EOT, DLE ENQ) --> answered at once
 *                              \--> print buffer --(halts on paper out, cover open, cutter jam)--> TicketRecorder
 *                                                  GS r 1 answered in order, ASB pushed on every change
 *   TicketRecorder --cut--> "ticket" event, `tickets`, render.ts (text, PNG)
 *
 * Knobs (`setFault`, core/faults.ts): "paper-out" (also after N more lines, mid-job), "paper-near-end",
 * "cover-open", "cutter-jam", "offline", "slow", "split", "silent", "garbage" (noise before every reply) and
 * "unplugged" (with a cable: the PTY pair or memory pair vanishes exactly as when a USB cable is pulled). Firmware
 * traits, not faults: `lineTimeMs` (print speed) and `nearEndOnlyInPaperStatus`.
 */
import { EventEmitter } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { CommandQueue } from "../core/commandQueue.ts";
import { deviceEnd } from "../core/deviceEnd.ts";
import {
  defaultGarbage,
  defaultSlowMs,
  FaultBoard,
  type FaultDetail,
  type FaultKnob,
  type FaultSwitchable,
} from "../core/faults.ts";
import { createMemoryTransportPair } from "../core/memoryTransport.ts";
import { createPtyPair, type PtyPair } from "../core/ptyPair.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Cable, Transport } from "../core/transport.ts";
import { type EscPosCommand } from "./codec.ts";
import {
  conditionOf,
  encodeAsb,
  encodePaperStatus,
  encodeRealtimeStatus,
  isBlocking,
  okFlags,
  type PrinterFlags,
} from "./status.ts";
import { EscPosDecoder, type DecodedItem } from "./escposParser.ts";
import type { PrinterProfile } from "./profiles.ts";
import { TicketRecorder, type RefusedQr, type TicketRecord } from "./record.ts";

/** The device end of a link: what the virtual printer reads from and answers on. A Transport fits. */
export interface DeviceLink {
  write(data: Uint8Array): Promise<void>;
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  off(event: "data", listener: (chunk: Buffer) => void): unknown;
}

export interface VirtualPrinterOptions {
  /** The device end of a PTY pair (or any serial port) that `start()` opens; or give `transport`, or use `attach`. */
  readonly path?: string;
  /** A device end Transport (a memory pair's `device`) that `start()` opens and reopens after an unplug. */
  readonly transport?: Transport;
  /** What `setFault("unplugged", on)` pulls and plugs back. */
  readonly cable?: Cable;
  /**
   * Chinese firmware (powers up in Chinese mode) and its GB encoding, default Chinese, GB18030; and the print width
   * in dots that QR codes must fit, default 576 (80 mm at 203 dpi).
   */
  readonly profile?: Pick<PrinterProfile, "chinese" | "chineseEncoding"> &
    Partial<Pick<PrinterProfile, "printWidthDots">>;
  /** Answers to GS I 0x42 / 0x43. */
  readonly maker?: string;
  readonly model?: string;
}

/** The printer's fault state behind the knobs. */
interface VirtualPrinterFaults {
  readonly paper: "ok" | "near-end" | "out";
  readonly coverOpen: boolean;
  /** The next cut jams the cutter (cutter error until DLE ENQ 1/2 or `clearCutter()`). */
  readonly cutterJam: boolean;
  readonly offline: boolean;
  /** Every reply leaves this long after its request. */
  readonly replyDelayMs: number;
  /** Replies go out one byte per write. */
  readonly splitReplies: boolean;
  /** Answer nothing (a hung printer, a wrong baud rate). */
  readonly silent: boolean;
  /** Paper runs out after this many more printed lines, in the middle of a job if one is printing. */
  readonly paperOutAfterLines: number | undefined;
  /** Noise written before every reply. */
  readonly garbage: Uint8Array;
}

const noFaults: VirtualPrinterFaults = {
  paper: "ok",
  coverOpen: false,
  cutterJam: false,
  offline: false,
  replyDelayMs: 0,
  splitReplies: false,
  silent: false,
  paperOutAfterLines: undefined,
  garbage: new Uint8Array(0),
};

export interface VirtualPrinterEvents {
  ticket: [TicketRecord];
  /** Every command decoded, in arrival order (real-time ones included). */
  command: [EscPosCommand];
  /** Bytes the printer did not understand, or a command too large to hold. */
  unknown: [DecodedItem];
  /** The status flags changed. */
  status: [PrinterFlags];
  /** A symbol was left off the paper because it could not fit (firmware prints nothing for it, and says nothing). */
  refused: [RefusedQr];
}

/** A virtual ESC/POS printer. Attach it to a link, then print to the other end. */
export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> implements FaultSwitchable {
  /** Every ticket cut so far, oldest first. */
  readonly tickets: TicketRecord[] = [];
  /** Every symbol left off the paper so far, oldest first (also on its ticket's `refused`). */
  readonly refusals: RefusedQr[] = [];
  private readonly recorder: TicketRecorder;
  private readonly decoder: EscPosDecoder;
  private readonly queue: EscPosCommand[] = [];
  private faults: VirtualPrinterFaults = noFaults;
  private cutterError = false;
  private asbMask = 0;
  private link: DeviceLink | undefined;
  private readonly outgoing = new CommandQueue();
  private processing = false;
  private paperLimit: number | undefined;
  private port: Transport | undefined;
  private detachPort: (() => void) | undefined;
  private reconnector: Reconnector | undefined;
  private readonly board: FaultBoard;
  /** Bytes received, for size assertions. */
  bytesReceived = 0;
  /** Time to print one line (0 = instant; a firmware trait): lets status polls land mid-job. */
  lineTimeMs = 0;
  /**
   * The near-end sensor shows in the GS r 1 reply only: DLE EOT 4 and ASB report a full roll (firmware that wires
   * the sensor to GS r alone). A paper end still shows everywhere.
   */
  nearEndOnlyInPaperStatus = false;

  constructor(private readonly options: VirtualPrinterOptions = {}) {
    super();
    this.recorder = new TicketRecorder({
      printWidthDots: options.profile?.printWidthDots ?? 576,
      onRefused: (refused) => {
        this.refusals.push(refused);
        this.emit("refused", refused);
      },
    });
    this.decoder = new EscPosDecoder({
      chineseAtStart: options.profile?.chinese ?? true,
      chineseEncoding: options.profile?.chineseEncoding ?? "gb18030",
    });
    this.board = new FaultBoard("virtual printer", {
      "paper-out": (on, { afterLines }) =>
        this.setFaults(
          on && afterLines !== undefined
            ? { paperOutAfterLines: afterLines }
            : { paper: on ? "out" : "ok", paperOutAfterLines: undefined },
        ),
      "paper-near-end": (on) => this.setFaults({ paper: on ? "near-end" : "ok", paperOutAfterLines: undefined }),
      "cover-open": (on) => this.setFaults({ coverOpen: on }),
      "cutter-jam": (on) => (on ? this.setFaults({ cutterJam: true }) : this.clearCutter()),
      offline: (on) => this.setFaults({ offline: on }),
      slow: (on, { delayMs }) => this.setFaults({ replyDelayMs: on ? (delayMs ?? defaultSlowMs) : 0 }),
      split: (on) => this.setFaults({ splitReplies: on }),
      silent: (on) => this.setFaults({ silent: on }),
      garbage: (on, { bytes }) =>
        this.setFaults({ garbage: on ? Uint8Array.from(bytes ?? defaultGarbage) : new Uint8Array(0) }),
    });
    this.board.useCable(options.cable);
  }

  /**
   * Open `options.transport` (or a serial port on `options.path`) and serve it; a transport that closes with
   * `disconnected` is reopened (the printer powers up again on replug). Rejects with DriverError(OpenFailed) when the
   * port cannot be opened.
   */
  async start(): Promise<void> {
    if (this.port) return;
    const { path, transport } = this.options;
    if (!path && !transport)
      throw new Error("VirtualPrinter.start() needs options.path or options.transport; or use attach(link)");
    const port = transport ?? deviceEnd({ path: path! });
    port.on("error", () => undefined); // an unplug surfaces as "close"; nothing to report here
    this.reconnector = new Reconnector(port, { initialMs: 20, maxMs: 200 }, { onReopened: () => this.serve(port) });
    port.on("close", ({ disconnected }) => {
      if (this.port !== port) return;
      this.stopServing();
      // A device end Transport stays ours and is reopened after a replug (unless stop() runs first); a serial port
      // is reopened by whoever replugs it (startVirtualPrinterOnPty).
      if (disconnected && transport) this.reconnector?.arm();
      else this.port = undefined;
    });
    await port.open();
    this.serve(port);
  }

  /** Stop serving: detach, close the port, forget unprinted data (as a printer losing power). Idempotent. */
  async stop(): Promise<void> {
    const port = this.port;
    this.reconnector?.cancel();
    this.reconnector = undefined;
    this.stopServing();
    this.port = undefined;
    this.queue.length = 0;
    await port?.close();
  }

  get faultKnobs(): readonly FaultKnob[] {
    return this.board.faultKnobs;
  }

  setFault(knob: FaultKnob, on: boolean, detail?: FaultDetail): Promise<void> {
    return this.board.setFault(knob, on, detail);
  }

  private serve(port: Transport): void {
    this.port = port;
    this.detachPort = this.attach(port);
  }

  /** Resolve with the next ticket cut, or reject after `timeoutMs` (tests: `await printer.expectTicket()`). */
  expectTicket(timeoutMs = 5000): Promise<TicketRecord> {
    return this.nextTicket(timeoutMs);
  }

  private stopServing(): void {
    this.detachPort?.();
    this.detachPort = undefined;
  }

  /** Read from and answer on `link`; returns a function that detaches. One link at a time. */
  attach(link: DeviceLink): () => void {
    this.link = link;
    const onData = (chunk: Buffer) => this.receive(chunk);
    link.on("data", onData);
    return () => {
      link.off("data", onData);
      if (this.link === link) this.link = undefined;
    };
  }

  /** The status bits a DLE EOT or ASB would report now. */
  get flags(): PrinterFlags {
    const { paper, coverOpen, offline } = this.faults;
    const nearEndOnlyInPaperStatus = this.nearEndOnlyInPaperStatus;
    return {
      ...okFlags,
      paperNearEnd: paper === "out" || (paper === "near-end" && !nearEndOnlyInPaperStatus),
      paperOut: paper === "out",
      coverOpen,
      cutterError: this.cutterError,
      offline,
    };
  }

  /** Commands received but not yet printed (the printer is halted, or still printing). */
  get pendingCommands(): number {
    return this.queue.length;
  }

  /** Elements printed since the last cut. */
  get pendingElements() {
    return this.recorder.pending;
  }

  /** Change the fault state; status changes are pushed by ASB and a halted printer resumes when they clear. */
  private setFaults(change: Partial<VirtualPrinterFaults>): void {
    const before = conditionOf(this.flags);
    this.faults = { ...this.faults, ...change };
    if ("paperOutAfterLines" in change)
      this.paperLimit =
        change.paperOutAfterLines === undefined ? undefined : this.recorder.linesPrinted + change.paperOutAfterLines;
    this.statusChanged(before);
  }

  /** Clear a cutter error, like DLE ENQ 1 or opening and closing the cover on a real printer. */
  private clearCutter(): void {
    const before = conditionOf(this.flags);
    this.cutterError = false;
    this.faults = { ...this.faults, cutterJam: false };
    this.statusChanged(before);
  }

  /** Send bytes that mean nothing, once, as a burst of line noise would (the "garbage" knob does it every reply). */
  sendGarbage(bytes: Uint8Array): void {
    this.send(bytes, true);
  }

  /** The next ticket cut (or one already waiting beyond `alreadySeen` tickets). */
  nextTicket(timeoutMs = 5000, alreadySeen = this.tickets.length): Promise<TicketRecord> {
    const waiting = this.tickets[alreadySeen];
    if (waiting) return Promise.resolve(waiting);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off("ticket", onTicket);
        reject(new Error(`virtual printer: no ticket within ${timeoutMs} ms`));
      }, timeoutMs);
      const onTicket = (ticket: TicketRecord) => {
        clearTimeout(timer);
        this.off("ticket", onTicket);
        resolve(ticket);
      };
      this.on("ticket", onTicket);
    });
  }

  private receive(chunk: Buffer): void {
    this.bytesReceived += chunk.length;
    for (const item of this.decoder.push(chunk)) {
      if (item.kind !== "command") {
        this.emit("unknown", item);
        continue;
      }
      const { command } = item;
      this.emit("command", command);
      // Real-time commands act on arrival, even while the printer is halted (devices.md §2.7).
      if (command.op === "realtimeStatus") this.send(Uint8Array.of(encodeRealtimeStatus(this.flags)[command.n - 1]!));
      else if (command.op === "realtimeRequest") this.recover(command.n);
      else this.queue.push(command);
    }
    void this.process();
  }

  /** DLE ENQ 1: recover and go on; DLE ENQ 2: recover after clearing the buffers. Only errors recover. */
  private recover(n: number): void {
    if (!this.cutterError) return;
    if (n === 2) this.queue.length = 0;
    if (n === 1 || n === 2) this.clearCutter();
  }

  private get halted(): boolean {
    return isBlocking(conditionOf(this.flags));
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (!this.halted && this.queue.length > 0) {
        const command = this.queue.shift()!;
        this.execute(command);
        if (this.lineTimeMs > 0 && (command.op === "newline" || command.op === "feedLines" || command.op === "qrPrint"))
          await sleep(this.lineTimeMs);
      }
    } finally {
      this.processing = false;
    }
  }

  private execute(command: EscPosCommand): void {
    switch (command.op) {
      case "paperStatus":
        // Answered in order: everything before it has been printed.
        this.send(
          Uint8Array.of(
            encodePaperStatus({ nearEnd: this.faults.paper !== "ok", paperOut: this.faults.paper === "out" }),
          ),
        );
        return;
      case "autoStatusBack":
        this.asbMask = command.mask;
        if (this.asbMask !== 0) this.send(Uint8Array.from(encodeAsb(this.flags)));
        return;
      case "printerId": {
        const text = { 0x41: "1.00", 0x42: this.options.maker ?? "OneWindow", 0x43: this.options.model ?? "VIRT" }[
          command.n
        ];
        if (text !== undefined) this.send(Uint8Array.of(0x5f, ...new TextEncoder().encode(text), 0x00));
        return;
      }
      case "cut":
        if (this.faults.cutterJam) {
          const before = conditionOf(this.flags);
          this.cutterError = true;
          this.statusChanged(before);
          return;
        }
        break;
    }
    const ticket = this.recorder.apply(command);
    if (ticket) {
      this.tickets.push(ticket);
      this.emit("ticket", ticket);
    }
    if (this.paperLimit !== undefined && this.recorder.linesPrinted >= this.paperLimit && this.faults.paper !== "out") {
      const before = conditionOf(this.flags);
      this.faults = { ...this.faults, paper: "out", paperOutAfterLines: undefined };
      this.paperLimit = undefined;
      this.statusChanged(before);
    }
  }

  private statusChanged(before: ReturnType<typeof conditionOf>): void {
    const flags = this.flags;
    if (conditionOf(flags) !== before) this.emit("status", flags);
    if (this.asbMask !== 0) this.send(Uint8Array.from(encodeAsb(flags)));
    void this.process();
  }

  /** Queue a reply: in order, after the configured delay, whole or byte by byte. */
  private send(bytes: Uint8Array, evenIfSilent = false): void {
    if (this.faults.silent && !evenIfSilent) return;
    const due = Date.now() + this.faults.replyDelayMs;
    const split = this.faults.splitReplies;
    const noise = evenIfSilent ? new Uint8Array(0) : this.faults.garbage;
    void this.outgoing.run(async () => {
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const link = this.link;
      if (!link) return;
      const whole = new Uint8Array(noise.length + bytes.length);
      whole.set(noise);
      whole.set(bytes, noise.length);
      const parts = split ? [...whole].map((b) => Uint8Array.of(b)) : [whole];
      for (const part of parts) {
        await link.write(part).catch(() => undefined); // unplugged: the reply is lost, as on a real link
        if (split) await sleep(2);
      }
    });
  }
}

/** A virtual printer on a socat PTY pair: the driver opens `hostPath`. */
export interface VirtualPrinterOnPty {
  readonly printer: VirtualPrinter;
  readonly hostPath: string;
  readonly devicePath: string;
  /** Kill the PTY pair: the driver sees an unplug. */
  unplug(): Promise<void>;
  /** Bring the PTY pair back on the same paths and reattach the printer. */
  replug(): Promise<void>;
  stop(): Promise<void>;
}

/** Start a virtual printer on a fresh PTY pair (in `dir`, with link names from `name`, when given). */
export async function startVirtualPrinterOnPty(
  options: VirtualPrinterOptions & { readonly dir?: string; readonly name?: string } = {},
): Promise<VirtualPrinterOnPty> {
  const pair: PtyPair = await createPtyPair({ dir: options.dir, name: options.name ?? "printer" });
  const cable: Cable = {
    async unplug() {
      await pair.unplug();
      await printer.stop();
    },
    async replug() {
      await pair.replug();
      await printer.start();
    },
  };
  const printer = new VirtualPrinter({ ...options, path: pair.devicePath, cable });
  try {
    await printer.start();
  } catch (error) {
    await pair.dispose();
    throw error;
  }
  return {
    printer,
    hostPath: pair.hostPath,
    devicePath: pair.devicePath,
    ...cable,
    async stop() {
      await printer.stop();
      await pair.dispose();
    },
  };
}

/** A virtual printer on a memory link: the driver opens `host`; `unplug()`/`replug()` pull and restore the cable. */
export interface VirtualPrinterOnMemory extends Cable {
  readonly printer: VirtualPrinter;
  /** The end a PrinterDriver opens. */
  readonly host: Transport;
  stop(): Promise<void>;
}

/** Start a virtual printer on a fresh memory pair (no socat needed; the same protocol bytes). */
export async function startVirtualPrinterOnMemory(
  options: Omit<VirtualPrinterOptions, "path" | "transport" | "cable"> & { readonly name?: string } = {},
): Promise<VirtualPrinterOnMemory> {
  const pair = createMemoryTransportPair({ name: options.name ?? "printer" });
  const printer = new VirtualPrinter({ ...options, transport: pair.device, cable: pair });
  await printer.start();
  return {
    printer,
    host: pair.host,
    unplug: () => pair.unplug(),
    replug: () => pair.replug(),
    stop: () => printer.stop(),
  };
}

/** A virtual network printer: a raw TCP port like a real printer's 9100, one connection at a time. */
export interface VirtualPrinterOnTcp {
  readonly printer: VirtualPrinter;
  readonly host: string;
  readonly port: number;
  /** Drop the current connection, as a printer losing power would. */
  dropConnection(): void;
  stop(): Promise<void>;
}

export async function startVirtualPrinterOnTcp(
  options: VirtualPrinterOptions & { readonly host?: string; readonly port?: number } = {},
): Promise<VirtualPrinterOnTcp> {
  const printer = new VirtualPrinter(options);
  const host = options.host ?? "127.0.0.1";
  let current: Socket | undefined;
  const server: Server = createServer((socket) => {
    current?.destroy(); // a raw-port printer serves one client; the newest wins
    current = socket;
    socket.on("error", () => undefined);
    const link: DeviceLink = {
      write: (data) => new Promise((resolve) => socket.write(data, () => resolve())),
      on: (event, listener) => socket.on(event, listener),
      off: (event, listener) => socket.off(event, listener),
    };
    const detach = printer.attach(link);
    socket.once("close", () => {
      detach();
      if (current === socket) current = undefined;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    printer,
    host,
    port,
    dropConnection: () => current?.destroy(),
    stop: () =>
      new Promise<void>((resolve) => {
        current?.destroy();
        server.close(() => resolve());
      }),
  };
}
