/**
 * The agent's WebSocket to the hall-server's /ws, held with the device token: it carries device commands (reprint)
 * to the agent. Reconnects with backoff and `since=<last seq>`, so a reconnect replays what it missed; the server
 * re-sends every unanswered command on each (re)connect, so a command is never lost with a dropped socket.
 *
 *   connect(/ws?token&since) --message--> snapshot/event: remember seq, "snapshot" / "event" to listeners
 *                                     \--> command: "command" event (deduplicated by the handler via the journal)
 *   close 4401 or upgrade 401 (credentials ended) --> "credentialsEnded", no reconnect;
 *   other close --> reconnect after backoff
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { WebSocket } from "ws";
import { DeviceCommand, WsClose } from "@onewindow/contract";

export interface HallLinkEvents {
  command: [DeviceCommand];
  /** The hall's state on (re)connect, as sent (a counter parses it against the contract). */
  snapshot: [unknown];
  /** One event of the log, in order, as sent (replayed ones after a reconnect first). */
  event: [unknown];
  connected: [];
  disconnected: [];
  credentialsEnded: [];
}

export interface HallLinkOptions {
  readonly baseUrl: string;
  readonly token: () => string | undefined;
  readonly log: Logger;
  /** First reconnect delay and its cap, ms (250, 5000). */
  readonly reconnectMs?: { readonly initial: number; readonly max: number };
}

/** Holds one /ws connection open while started. */
export class HallLink extends EventEmitter<HallLinkEvents> {
  private socket: WebSocket | undefined;
  private lastSeq: number | undefined;
  private running = false;
  private delay: number;
  private timer: NodeJS.Timeout | undefined;
  private connected_ = false;

  constructor(private readonly options: HallLinkOptions) {
    super();
    this.delay = options.reconnectMs?.initial ?? 250;
  }

  get connected(): boolean {
    return this.connected_;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.socket?.terminate();
    this.socket = undefined;
  }

  private connect(): void {
    const token = this.options.token();
    if (!this.running || !token) return;
    const url = new URL("/ws", this.options.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("token", token);
    if (this.lastSeq !== undefined) url.searchParams.set("since", String(this.lastSeq));
    const socket = new WebSocket(url, { maxPayload: 8 * 1024 * 1024 });
    this.socket = socket;
    socket.on("open", () => {
      this.connected_ = true;
      this.delay = this.options.reconnectMs?.initial ?? 250;
      this.options.log.info("connected to the hall-server");
      this.emit("connected");
    });
    socket.on("message", (data: Buffer) => this.onMessage(data));
    // A token that ended while the link was away is refused at the upgrade (401), not closed with 4401.
    let refusedToken = false;
    socket.on("error", (error) => {
      if (/Unexpected server response: 401\b/.test(error.message)) refusedToken = true;
      this.options.log.debug({ err: error }, "hall socket error");
    });
    socket.on("close", (code) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.connected_) {
        this.connected_ = false;
        this.emit("disconnected");
      }
      if (code === WsClose.credentialsEnded.code || refusedToken) {
        this.options.log.warn("hall-server ended these credentials: pair or sign in again");
        this.running = false;
        this.emit("credentialsEnded");
        return;
      }
      if (!this.running) return;
      this.timer = setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, this.options.reconnectMs?.max ?? 5000);
    });
  }

  private onMessage(data: Buffer): void {
    let message: { type?: string; snapshot?: { seq?: number }; event?: { seq?: number }; command?: unknown };
    try {
      message = JSON.parse(data.toString("utf8")) as typeof message;
    } catch {
      this.options.log.warn("hall-server sent a frame that is not JSON; ignored");
      return;
    }
    if (message.type === "snapshot" && typeof message.snapshot?.seq === "number") {
      this.lastSeq = message.snapshot.seq;
      this.emit("snapshot", message.snapshot);
    } else if (message.type === "event" && typeof message.event?.seq === "number") {
      this.lastSeq = message.event.seq;
      this.emit("event", message.event);
    } else if (message.type === "command") {
      const command = DeviceCommand.safeParse(message.command);
      if (command.success) this.emit("command", command.data);
      else
        this.options.log.warn(
          { issues: command.error.issues.length },
          "hall-server sent a command outside the contract; ignored",
        );
    }
  }
}
