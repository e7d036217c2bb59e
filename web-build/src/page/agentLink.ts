/**
 * A station page's side of the station agent channel (contract/src/agent.ts), shared by every page a station agent
 * serves (kiosk, counter console, window screen): connect to the loopback agent named in the page's URL fragment,
 * answer its challenge with a sealed hello naming the page, seal every message with the next seq, hand each validated
 * agent message to `onMessage`, and reconnect every `retryMs` after the socket closes (agent restarted).
 *
 *   page                                    agent
 *    |  <-- challenge {nonce} ---------------- |
 *    |  --- sealed hello {page} -------------> |
 *    |  <-- welcome -------------------------- |   open: `send` works from here until the socket closes
 *    |  --- sealed {seq:2, ...} -------------> |   sends go out one after another, in call order
 *
 * Sends are chained: sealing is asynchronous (Web Crypto), and the agent refuses a frame whose seq is not the next
 * one, so two sends started together must still reach the socket in order. A send before the welcome, or while the
 * agent is away, answers false at once: the page says so and never pretends it went.
 */
import { AGENT_WS_PATH, AgentMessage, sealPageMessage, type AgentAddress, type PageMessage } from "@onewindow/contract";

/** The part of a WebSocket the link uses (a browser's, or `ws` in Node tests). */
export interface PageSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
}

/** WebSocket's readyState when open. */
const OPEN = 1;

export interface AgentLinkOptions {
  /** The page's name in its hello ("kiosk", "counter", "window"): the agent serves each page its own messages. */
  readonly page: string;
  /** Every validated agent message after the challenge (welcome included), in order. */
  onMessage(message: AgentMessage): void;
  /** true at the agent's welcome; false each time the socket closes (and while reconnect attempts fail). */
  onOpen(open: boolean): void;
  /** Wait before each reconnect, ms. Default 2000. */
  readonly retryMs?: number;
  /** Opens a socket to `url` (default: the browser's WebSocket). */
  readonly connect?: (url: string) => PageSocket;
}

export interface AgentLink {
  /** Seal and send `message`; resolves false when no session is open (before the welcome, or the agent is away). */
  send(message: PageMessage): Promise<boolean>;
  /** Close for good: no reconnect. */
  close(): void;
}

/** Link the page to the agent at `address` (parseAgentFragment's result) and keep it linked until `close`. */
export function linkAgent(address: AgentAddress, options: AgentLinkOptions): AgentLink {
  const retryMs = options.retryMs ?? 2000;
  const open = options.connect ?? ((url: string): PageSocket => new WebSocket(url) as unknown as PageSocket);
  /** The current connection: its socket, nonce, next seq, and whether the welcome came. */
  let session: { socket: PageSocket; nonce?: string; seq: number; welcomed: boolean } | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** The tail of the send chain (each send waits for the one before it). */
  let chain: Promise<unknown> = Promise.resolve();

  /** Seal `message` for `s` and put it on its socket, after every earlier send; false when `s` is no longer open. */
  const enqueue = (s: NonNullable<typeof session>, message: PageMessage): Promise<boolean> => {
    const sent = chain.then(async () => {
      if (session !== s || s.nonce === undefined || s.socket.readyState !== OPEN) return false;
      const frame = await sealPageMessage(address.secret, s.nonce, s.seq++, message);
      if (session !== s || s.socket.readyState !== OPEN) return false;
      s.socket.send(frame);
      return true;
    });
    chain = sent.catch(() => false);
    return sent;
  };

  const connect = () => {
    const socket = open(new URL(AGENT_WS_PATH, address.url).toString());
    const s: NonNullable<typeof session> = { socket, seq: 1, welcomed: false };
    session = s;
    socket.onmessage = (event) => {
      let parsed: ReturnType<typeof AgentMessage.safeParse>;
      try {
        parsed = AgentMessage.safeParse(JSON.parse(String(event.data)));
      } catch {
        return;
      }
      if (!parsed.success || session !== s) return;
      const message = parsed.data;
      if (message.type === "challenge") {
        s.nonce = message.nonce;
        s.seq = 1;
        void enqueue(s, { type: "hello", page: options.page });
        return;
      }
      if (message.type === "welcome") {
        s.welcomed = true;
        options.onOpen(true);
      }
      options.onMessage(message);
    };
    socket.onclose = () => {
      if (session === s) session = undefined;
      options.onOpen(false);
      if (!closed) retry = setTimeout(connect, retryMs);
    };
  };
  connect();

  return {
    send(message) {
      const s = session;
      if (!s?.welcomed) return Promise.resolve(false);
      return enqueue(s, message);
    },
    close() {
      closed = true;
      clearTimeout(retry);
      session?.socket.close();
    },
  };
}
