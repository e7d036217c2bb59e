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
  /**
   * Take the oldest message not yet taken whose type is `types` (one or a list); rejects after `timeoutMs`. Messages
   * of other types stay for other callers.
   */
  next<T extends AgentMessage["type"]>(
    types: T | readonly T[],
    timeoutMs?: number,
  ): Promise<Extract<AgentMessage, { type: T }>>;
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
  /** Received and not yet taken by `next`. */
  const unread: AgentMessage[] = [];
  /** Pending `next` calls; each answers true once it took its message. */
  const waiters: (() => boolean)[] = [];
  let nonce = "";
  let seq = 1;
  /** Pending `next` calls' rejections, run when the socket closes. */
  const failers = new Set<(code: number) => void>();
  let closeCode: number | undefined;
  const closed = new Promise<number>((resolve) =>
    socket.once("close", (code) => {
      closeCode = code;
      resolve(code);
      for (const fail of [...failers]) fail(code);
    }),
  );
  socket.on("error", () => undefined);
  socket.on("message", (data: Buffer) => {
    const parsed = AgentMessage.safeParse(JSON.parse(data.toString("utf8")));
    if (!parsed.success) throw new Error(`agent sent a message outside the contract: ${data.toString("utf8")}`);
    received.push(parsed.data);
    unread.push(parsed.data);
    // Oldest caller first; each takes at most one message.
    for (const waiter of [...waiters]) waiter();
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
    const check = (): boolean => {
      const first = unread.shift();
      if (!first) return false;
      clearTimeout(timer);
      const i = waiters.indexOf(check);
      if (i >= 0) waiters.splice(i, 1);
      resolve(first);
      return true;
    };
    if (!check()) waiters.push(check);
  });
  if (challenge.type !== "challenge") throw new Error(`agent opened with ${challenge.type}, not a challenge`);
  nonce = challenge.nonce;
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
    next(types, timeoutMs = 10_000) {
      const wanted: readonly string[] = typeof types === "string" ? [types] : types;
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          failers.delete(fail);
          const i = waiters.indexOf(check);
          if (i >= 0) waiters.splice(i, 1);
        };
        const check = (): boolean => {
          const at = unread.findIndex((m) => wanted.includes(m.type));
          if (at < 0) return false;
          done();
          resolve(unread.splice(at, 1)[0] as never);
          return true;
        };
        const fail = (code: number) => {
          done();
          reject(new Error(`the agent closed the connection (${code}) before sending ${wanted.join(" or ")}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${wanted.join(" or ")} from the agent within ${timeoutMs} ms`));
        }, timeoutMs);
        if (check()) return;
        if (closeCode !== undefined) return fail(closeCode);
        waiters.push(check);
        failers.add(fail);
      });
    },
    close() {
      socket.close();
    },
  };
  if (options.hello !== false) await client.send({ type: "hello", page: "cli" });
  return client;
}
