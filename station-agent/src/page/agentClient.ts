/**
 * A Node client of the agent's page API, speaking exactly what a page speaks: answer the challenge with a sealed
 * hello, seal every message with the next seq. Used by bin/take.js, the tests and the bench.
 */
import { WebSocket } from "ws";
import { AGENT_WS_PATH, AgentMessage, sealPageMessage, type PageMessage } from "@onewindow/contract";

export interface AgentClient {
  /** Every message received so far, in order. */
  readonly received: AgentMessage[];
  /** Seal and send `message` with the next seq. */
  send(message: PageMessage): Promise<void>;
  /** Send a raw frame as it is (guard tests). */
  sendRaw(frame: string | Buffer): void;
  /** The next message (after those already taken) that `match` accepts; rejects after `timeoutMs`. */
  next<T extends AgentMessage["type"]>(type: T, timeoutMs?: number): Promise<Extract<AgentMessage, { type: T }>>;
  /** The seq the next `send` uses, and the connection's nonce (replay tests). */
  readonly seq: number;
  readonly nonce: string;
  /** Resolves with the close code once the agent closed the socket. */
  readonly closed: Promise<number>;
  close(): void;
}

/**
 * Connect to the agent at `url` (ws://127.0.0.1:P/) with `secret`, sending `origin` as the Origin header, and say
 * hello. Resolves once the hello is sent (the welcome follows; `next("welcome")`). Rejects when the upgrade is
 * refused or no challenge comes within `timeoutMs`.
 */
export async function connectAgent(options: {
  url: string;
  secret: string;
  origin: string;
  hello?: boolean;
  timeoutMs?: number;
}): Promise<AgentClient> {
  const socket = new WebSocket(new URL(AGENT_WS_PATH, options.url), { origin: options.origin });
  const received: AgentMessage[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  let nonce = "";
  let seq = 1;
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.on("error", () => undefined);
  socket.on("message", (data: Buffer) => {
    const parsed = AgentMessage.safeParse(JSON.parse(data.toString("utf8")));
    if (!parsed.success) throw new Error(`agent sent a message outside the contract: ${data.toString("utf8")}`);
    received.push(parsed.data);
    for (const wake of waiters.splice(0)) wake();
  });
  const challenge = await new Promise<AgentMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("agent sent no challenge")), options.timeoutMs ?? 5000);
    socket.once("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`agent refused the connection: HTTP ${res.statusCode}`));
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const check = () => {
      const first = received[0];
      if (first) {
        clearTimeout(timer);
        resolve(first);
      } else waiters.push(check);
    };
    check();
  });
  if (challenge.type !== "challenge") throw new Error(`agent opened with ${challenge.type}, not a challenge`);
  nonce = challenge.nonce;
  taken = 1;
  const client: AgentClient = {
    received,
    get seq() {
      return seq;
    },
    nonce,
    closed,
    async send(message) {
      const frame = await sealPageMessage(options.secret, nonce, seq++, message);
      socket.send(frame);
    },
    sendRaw(frame) {
      socket.send(frame);
    },
    next(type, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${type}" from the agent within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = () => {
          while (taken < received.length) {
            const message = received[taken++]!;
            if (message.type === type) {
              clearTimeout(timer);
              resolve(message as never);
              return;
            }
          }
          waiters.push(check);
        };
        check();
      });
    },
    close() {
      socket.close();
    },
  };
  if (options.hello !== false) await client.send({ type: "hello", page: "cli" });
  return client;
}
