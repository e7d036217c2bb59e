import { EventEmitter } from "node:events";
import { Socket } from "node:net";
import { DriverError, DriverErrorCode } from "./errors.ts";
import type { Transport } from "./transport.ts";

export interface TcpTransportOptions {
  readonly host: string;
  /** Raw printing port ("AppSocket/JetDirect"); 9100 on network ticket printers (devices.md §2.1). */
  readonly port?: number;
  /** Give up connecting after this long (default 3000 ms). */
  readonly connectTimeoutMs?: number;
  /** TCP keep-alive delay, so a printer that loses power is noticed even while idle; 0 disables it. */
  readonly keepAliveMs?: number;
}

interface Connection {
  readonly socket: Socket;
  closedByUs: boolean;
  closed: Promise<void>;
}

/**
 * Transport over a raw TCP socket, e.g. a network ticket printer on port 9100. Replies (DLE EOT status, ASB)
 * come back on the same socket.
 *
 * "close" reports `disconnected = true` when the peer ended the connection or the socket failed, and `false`
 * only after our own `close()`.
 */
export class TcpTransport extends EventEmitter implements Transport {
  readonly description: string;
  private connection: Connection | undefined;

  constructor(private readonly options: TcpTransportOptions) {
    super();
    this.description = `tcp:${options.host}:${options.port ?? 9100}`;
  }

  get isOpen(): boolean {
    return this.connection !== undefined && !this.connection.closedByUs;
  }

  async open(): Promise<void> {
    if (this.connection?.closedByUs) await this.connection.closed;
    if (this.connection) return;
    const { host, port = 9100, connectTimeoutMs = 3000, keepAliveMs = 10_000 } = this.options;
    const socket = new Socket();
    await new Promise<void>((resolve, reject) => {
      const fail = (message: string) => {
        socket.destroy();
        reject(new DriverError(DriverErrorCode.OpenFailed, `cannot connect to ${this.description}: ${message}`));
      };
      socket.setTimeout(connectTimeoutMs, () => fail(`no answer within ${connectTimeoutMs} ms`));
      socket.once("error", (error: Error) => fail(error.message));
      socket.once("connect", () => {
        socket.removeAllListeners("error");
        socket.removeAllListeners("timeout");
        socket.setTimeout(0);
        resolve();
      });
      socket.connect({ host, port });
    });
    socket.setNoDelay(true);
    if (keepAliveMs > 0) socket.setKeepAlive(true, keepAliveMs);
    let closed!: () => void;
    const connection: Connection = {
      socket,
      closedByUs: false,
      closed: new Promise<void>((resolve) => (closed = resolve)),
    };
    socket.on("data", (chunk: Buffer) => this.emit("data", chunk));
    socket.on("error", (error: Error) => this.emit("error", error));
    socket.on("end", () => socket.destroy()); // a half-open printer socket is of no use: close both ways
    socket.once("close", () => {
      if (this.connection === connection) this.connection = undefined;
      this.emit("close", { disconnected: !connection.closedByUs });
      closed();
    });
    this.connection = connection;
  }

  write(data: Uint8Array): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.closedByUs)
      return Promise.reject(new DriverError(DriverErrorCode.NotOpen, `${this.description} is not open`));
    const { socket } = connection;
    return new Promise((resolve, reject) => {
      socket.write(data, (error) => {
        if (!error) resolve();
        else {
          const code = socket.destroyed ? DriverErrorCode.Disconnected : DriverErrorCode.WriteFailed;
          reject(new DriverError(code, `write to ${this.description} failed: ${error.message}`));
        }
      });
    });
  }

  close(): Promise<void> {
    const connection = this.connection;
    if (!connection) return Promise.resolve();
    connection.closedByUs = true;
    connection.socket.destroy();
    return connection.closed;
  }
}
