/**
 * The virtual ticket printer: the printer's side of ESC/POS, run over a real PTY pair (socat) or a TCP port,
 * with fault knobs. Tests, the demo and `virtual-hall` print to it; it records every ticket.
 *
 *   link "data" --EscPosDecoder--> real-time commands (DLE EOT, DLE ENQ) --> answered at once
 *                              \--> print buffer --(halts on paper out, cover open, cutter jam)--> TicketRecorder
 *                                                  GS r 1 answered in order, ASB pushed on every change
 *   TicketRecorder --cut--> "ticket" event, `tickets`, render.ts (text, PNG)
 *
 * Knobs: paper near end / out (also "run out after N lines", mid-job), cover open, cutter jam, offline, slow
 * replies, replies split byte by byte, silence, garbage bytes, print speed. Unplugging is the PTY pair's job
 * (`handle.unplug()`): the links vanish exactly as when a USB cable is pulled.
 */
import { EventEmitter } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createPtyPair, type PtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
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
  /** The device end of a PTY pair (or any serial port) that `start()` opens; without it, use `attach(link)`. */
  readonly path?: string;
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

export interface VirtualPrinterFaults {
  readonly paper: "ok" | "near-end" | "out";
  /**
   * The near-end sensor shows in the GS r 1 reply only: DLE EOT 4 and ASB report a full roll (firmware that wires
   * the sensor to GS r alone). A paper end still shows everywhere.
   */
  readonly nearEndOnlyInPaperStatus: boolean;
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
  /** Time to print one line (0 = instant); lets status polls land mid-job. */
  readonly lineTimeMs: number;
}

const noFaults: VirtualPrinterFaults = {
  paper: "ok",
  nearEndOnlyInPaperStatus: false,
  coverOpen: false,
  cutterJam: false,
  offline: false,
  replyDelayMs: 0,
  splitReplies: false,
  silent: false,
  paperOutAfterLines: undefined,
  lineTimeMs: 0,
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
export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
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
  private outgoing: Promise<void> = Promise.resolve();
  private processing = false;
  private paperLimit: number | undefined;
  private port: SerialTransport | undefined;
  private detachPort: (() => void) | undefined;
  /** Bytes received, for size assertions. */
  bytesReceived = 0;

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
  }

  /** Open `options.path` and serve it. Rejects with DriverError(OpenFailed) when the port cannot be opened. */
  async start(): Promise<void> {
    if (!this.options.path) throw new Error("VirtualPrinter.start() needs options.path; use attach(link) instead");
    if (this.port) return;
    const port = new SerialTransport({ path: this.options.path });
    port.on("error", () => undefined); // an unplug surfaces as "close"; nothing to report here
    port.on("close", () => {
      if (this.port === port) this.stopServing();
    });
    await port.open();
    this.port = port;
    this.detachPort = this.attach(port);
  }

  /** Stop serving: detach, close the port, forget unprinted data (as a printer losing power). Idempotent. */
  async stop(): Promise<void> {
    const port = this.port;
    this.stopServing();
    this.queue.length = 0;
    await port?.close();
  }

  /** Resolve with the next ticket cut, or reject after `timeoutMs` (tests: `await printer.expectTicket()`). */
  expectTicket(timeoutMs = 5000): Promise<TicketRecord> {
    return this.nextTicket(timeoutMs);
  }

  private stopServing(): void {
    this.detachPort?.();
    this.detachPort = undefined;
    this.port = undefined;
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
    const { paper, coverOpen, offline, nearEndOnlyInPaperStatus } = this.faults;
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

  /** Change fault knobs; status changes are pushed by ASB and a halted printer resumes when they clear. */
  setFaults(change: Partial<VirtualPrinterFaults>): void {
    const before = conditionOf(this.flags);
    this.faults = { ...this.faults, ...change };
    if ("paperOutAfterLines" in change)
      this.paperLimit =
        change.paperOutAfterLines === undefined ? undefined : this.recorder.linesPrinted + change.paperOutAfterLines;
    this.statusChanged(before);
  }

  /** Load a fresh roll ("ok"), or set the paper sensor; cancels a pending `paperOutAfterLines`. */
  setPaper(paper: VirtualPrinterFaults["paper"]): void {
    this.setFaults({ paper, paperOutAfterLines: undefined });
  }

  setCoverOpen(open: boolean): void {
    this.setFaults({ coverOpen: open });
  }

  /** Clear a cutter error, like DLE ENQ 1 or opening and closing the cover on a real printer. */
  clearCutter(): void {
    const before = conditionOf(this.flags);
    this.cutterError = false;
    this.faults = { ...this.faults, cutterJam: false };
    this.statusChanged(before);
  }

  /** Send bytes that mean nothing, as line noise would. */
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
        if (
          this.faults.lineTimeMs > 0 &&
          (command.op === "newline" || command.op === "feedLines" || command.op === "qrPrint")
        )
          await sleep(this.faults.lineTimeMs);
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
    this.outgoing = this.outgoing.then(async () => {
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const link = this.link;
      if (!link) return;
      const parts = split ? [...bytes].map((b) => Uint8Array.of(b)) : [bytes];
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
  const printer = new VirtualPrinter({ ...options, path: pair.devicePath });
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
    async unplug() {
      await pair.unplug();
      await printer.stop();
    },
    async replug() {
      await pair.replug();
      await printer.start();
    },
    async stop() {
      await printer.stop();
      await pair.dispose();
    },
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
