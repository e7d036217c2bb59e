/**
 * The hall screen's link to the hall's event stream (/ws): it stays connected by itself through a server restart, a
 * network loss or the PC's sleep, and resumes where it left off, so nobody ever presses F5.
 *
 *   connect(/ws?token=…&since=<last seq>) --open--> snapshot (first time, or too far behind) | the missed events
 *        ^                                          then live events --> onMessage
 *        |  closed / failed / woke up
 *        +-- wait reconnectDelay(failures) <--+-- 4401 (credentials ended) or the token refused --> onRefused, stop
 *
 * A browser cannot tell why an upgrade failed (a refused token and a stopped server both look like close 1006), so
 * after a connection that never opened the screen asks `checkToken`: "refused" (HTTP 401) ends the link and the page
 * pairs again; anything else is retried. Runs in the page (the browser's WebSocket) and in Node tests (`ws`).
 *
 * A pulled cable or a sleeping PC can leave a socket that looks open but carries nothing (the browser never sees the
 * server's pings). While live, the link therefore asks the hall for its last seq every `probeMs` (`probe`, an HTTP
 * request): a hall unreachable by HTTP (the network is gone: the socket cannot be trusted), or a hall two probes in a
 * row ahead of what the socket delivered, means the socket is dead: it reconnects (with backoff while the hall stays
 * unreachable) and resumes from its last seq.
 */
import type { ScreenEvent, ScreenSnapshot } from "./hallScreenState.ts";
import { reconnectDelay, SCREEN_BACKOFF, type BackoffPolicy } from "./reconnectDelay.ts";

/** The hall-server's close code for a credential that ended (contract WsClose.credentialsEnded). */
export const CREDENTIALS_ENDED = 4401;

/** The part of a WebSocket this link uses (the browser's and `ws`'s both fit). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

/** What the stream said: a snapshot (replace everything) or one event. */
export type StreamMessage =
  | { readonly type: "snapshot"; readonly snapshot: ScreenSnapshot }
  | { readonly type: "event"; readonly event: ScreenEvent };

/** The link's state, for the page's connection indicator. */
export type LinkState = "connecting" | "live" | "retrying" | "refused" | "stopped";

export interface HallSocketOptions {
  /** The /ws URL with the token, and `since` when given (the last seq the screen holds). */
  readonly url: (since: number | undefined) => string;
  /** Opens a socket (the browser's `new WebSocket(url)`, or `ws` in tests). */
  readonly open: (url: string) => SocketLike;
  /** The seq the screen holds now, or undefined before its first snapshot. */
  readonly lastSeq: () => number | undefined;
  readonly onMessage: (message: StreamMessage) => void;
  /** The token no longer works (close 4401, or `checkToken` said so): pair again. The link has stopped. */
  readonly onRefused: () => void;
  readonly onState?: (state: LinkState) => void;
  /** After a connection that never opened: is the token refused (401), or is the hall just unreachable? */
  readonly checkToken: () => Promise<"valid" | "refused" | "unreachable">;
  /** The hall's last event seq now (GET /api/events), or undefined when the hall cannot be reached. */
  readonly probe?: () => Promise<number | undefined>;
  /** How often to probe while live, ms (default 20 000). */
  readonly probeMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
}

export interface HallSocket {
  /** Drop the current connection (if any) and connect again now, resuming from the last seq (e.g. after a wake). */
  reconnectNow(): void;
  /** Close for good (the page is leaving or pairing again). */
  stop(): void;
  readonly state: LinkState;
}

/** Start the link; it connects at once. */
export function startHallSocket(options: HallSocketOptions): HallSocket {
  const backoff = options.backoff ?? SCREEN_BACKOFF;
  let state: LinkState = "connecting";
  let socket: SocketLike | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  // What the last probe found: a seq the socket had not delivered yet.
  let probeAhead: number | undefined;
  let probing = false;
  const prober = options.probe
    ? setInterval(() => void probeOnce(options.probe!), options.probeMs ?? 20_000)
    : undefined;

  /** One liveness check of a live link (see the file's comment); reconnects when the socket is found dead. */
  async function probeOnce(probe: () => Promise<number | undefined>): Promise<void> {
    if (state !== "live" || probing) return;
    probing = true;
    let hallSeq: number | undefined;
    try {
      hallSeq = await probe();
    } catch {
      hallSeq = undefined;
    } finally {
      probing = false;
    }
    if (state !== "live") return;
    if (hallSeq === undefined) return restart();
    const held = options.lastSeq() ?? 0;
    const behind = probeAhead !== undefined && held < probeAhead;
    probeAhead = hallSeq > held ? hallSeq : undefined;
    if (behind) restart();
  }

  const setState = (next: LinkState) => {
    if (state === next) return;
    state = next;
    options.onState?.(next);
  };
  const ended = () => state === "stopped" || state === "refused";

  function detach(s: SocketLike | undefined): void {
    if (!s) return;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close();
    } catch {
      // Closing a socket that never opened may throw in some engines; it is being dropped either way.
    }
  }

  function refused(): void {
    clearInterval(prober);
    detach(socket);
    socket = undefined;
    setState("refused");
    options.onRefused();
  }

  function scheduleRetry(): void {
    if (ended()) return;
    failures++;
    setState("retrying");
    clearTimeout(retry);
    retry = setTimeout(connect, reconnectDelay(failures, backoff, options.random));
  }

  function connect(): void {
    retry = undefined;
    if (ended()) return;
    detach(socket);
    if (state !== "retrying") setState("connecting");
    let opened = false;
    let s: SocketLike;
    try {
      s = options.open(options.url(options.lastSeq()));
    } catch {
      socket = undefined;
      return scheduleRetry();
    }
    socket = s;
    s.onopen = () => {
      opened = true;
      failures = 0;
      probeAhead = undefined;
      setState("live");
    };
    s.onmessage = (ev) => {
      let message: unknown;
      try {
        message = JSON.parse(String(ev.data));
      } catch {
        return; // Not JSON: nothing the hall sends; ignored.
      }
      const m = message as { type?: unknown };
      if (m.type === "snapshot" || m.type === "event") options.onMessage(message as StreamMessage);
    };
    s.onerror = () => undefined; // onclose follows and decides.
    s.onclose = (ev) => {
      if (socket !== s) return;
      socket = undefined;
      if (ev.code === CREDENTIALS_ENDED) return refused();
      if (opened) return scheduleRetry();
      // Never opened: a stopped server, or a refused token? Only an HTTP request can tell.
      options.checkToken().then(
        (verdict) => {
          if (ended() || socket !== undefined || retry !== undefined) return;
          if (verdict === "refused") refused();
          else scheduleRetry();
        },
        () => scheduleRetry(),
      );
    };
  }

  /** Drop the current socket and connect again now. */
  function restart(): void {
    if (ended()) return;
    clearTimeout(retry);
    retry = undefined;
    failures = 0;
    const old = socket;
    socket = undefined;
    detach(old);
    connect();
  }

  connect();
  return {
    reconnectNow: restart,
    stop() {
      clearInterval(prober);
      clearTimeout(retry);
      retry = undefined;
      setState("stopped");
      const old = socket;
      socket = undefined;
      detach(old);
    },
    get state() {
      return state;
    },
  };
}
