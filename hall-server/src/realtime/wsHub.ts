/**
 * WebSocket event stream at /ws. A client authenticates with ?token=<device or staff token> (the hall's devices and
 * staff: HALL_WATCHERS, the same as GET /api/snapshot and /api/events) and may pass
 * ?since=<seq>: it then gets every event after that seq from the log (resync after a reconnect); otherwise, or
 * when too far behind, it gets a fresh snapshot first. Live events follow in order.
 *
 *   upgrade -> target, Origin (browsers only), token -> 101 | 400 / 401 / 403 (logged, token never)
 *   commit  -> bus "event"       -> every open socket (in seq order)
 *   commit  -> bus "credentials" -> sockets whose token no longer resolves: close 4401 (WsClose.credentialsEnded)
 *   commit  -> bus "command"     -> the sockets of that station device only ({type: "command"})
 *   (re)connect of a device      -> after the snapshot or replay, every command it has not answered yet
 *   heartbeat (30 s) -> ping; drop the silent; close those whose session ran out by time
 *
 * Everything here runs outside Express, where a throw would end the process: every handler catches at its own
 * boundary, logs the cause and keeps serving (one socket at most is lost, never the hall).
 */
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WsClose, type DeviceCommand, type HallEvent, type ServerMessage } from "@onewindow/contract";
import { WebSocketServer, type WebSocket } from "ws";
import type { HallContext } from "../services/context.ts";
import { HALL_WATCHERS } from "../api/route.ts";
import { pendingCommands } from "../services/deviceCommands.ts";
import { accessTag, resolveToken } from "../services/principal.ts";
import { snapshot } from "../services/snapshot.ts";
import { createOriginCheck } from "./originPolicy.ts";

const MAX_REPLAY = 5_000;

function send(ws: WebSocket, message: ServerMessage) {
  ws.send(JSON.stringify(message));
}

const STATUS_TEXT = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 500: "Internal Server Error" };

/** Answer a refused upgrade and close the connection once the answer is written. */
function refuse(socket: Duplex, status: keyof typeof STATUS_TEXT): void {
  if (!socket.writable) return void socket.destroy();
  socket.once("finish", () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The origin-form request target of an upgrade ("/ws?token=…"), or undefined for anything else: absolute and
 * authority forms, "//host…" (which URL would read as a host, and throw on a bad port) and unparsable text.
 */
function parseTarget(target: string | undefined): URL | undefined {
  if (target === undefined || !target.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return new URL(target, "http://hall");
  } catch {
    return undefined;
  }
}

/**
 * Attach the /ws endpoint to `server`. `heartbeatMs` (default 30 000) is the ping period; it also bounds how late
 * a socket whose session ran out by time is closed.
 */
export function attachWebSocket(
  ctx: HallContext,
  server: Server,
  options: { heartbeatMs?: number } = {},
): { close(): void; clients(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const log = ctx.log.child({ module: "ws" });
  const originCheck = createOriginCheck(ctx.config, () => (server.address() as AddressInfo | null)?.port ?? 0);
  /** The token each open socket authenticated with: the credential whose end closes it. */
  const tokens = new Map<WebSocket, string>();
  /** The station device each device socket belongs to: where its commands go. */
  const devices = new Map<WebSocket, number>();

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error handler from an upgraded socket: without one, a reset before the handshake
    // completes would be an unhandled 'error' event.
    socket.on("error", (error) => log.debug({ err: error }, "upgrade connection failed"));
    try {
      upgrade(req, socket, head);
    } catch (error) {
      log.error({ err: error }, "upgrade failed; connection refused, server keeps serving");
      refuse(socket, 500);
    }
  });

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // What a refusal logs: who asked, the path and Origin, never the query (it holds the token).
    const refused = (status: 400 | 401 | 403, why: string, fields: { path?: string; origin?: string } = {}) => {
      log.info({ from: (socket as Socket).remoteAddress, status, ...fields }, `upgrade refused: ${why}`);
      refuse(socket, status);
    };
    const url = parseTarget(req.url);
    if (!url) return refused(400, "the request target is not a /path");
    const origin = req.headers.origin;
    const why = origin === undefined ? undefined : originCheck(origin);
    if (why) return refused(403, why, { path: url.pathname, origin });
    const token = url.searchParams.get("token") ?? "";
    const principal = url.pathname === "/ws" ? resolveToken(ctx, token) : undefined;
    if (!principal) return refused(401, "no /ws, or an unknown, revoked or expired token", { path: url.pathname });
    if (!HALL_WATCHERS.includes(accessTag(principal)))
      return refused(403, `a ${accessTag(principal)} may not watch events`, { path: url.pathname });
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        opened(ws, url);
      } catch (error) {
        log.error({ err: error }, "could not start a WebSocket; it is closed, server keeps serving");
        ws.terminate();
        tokens.delete(ws);
        devices.delete(ws);
      }
    });
    function opened(ws: WebSocket, url: URL) {
      tokens.set(ws, token);
      if (principal?.kind === "device") devices.set(ws, principal.deviceId);
      ws.on("close", () => (tokens.delete(ws), devices.delete(ws)));
      // Clients only listen; anything they send is ignored.
      ws.on("message", () => undefined);
      ws.on("error", (error) => {
        // A bad frame, a frame over maxPayload, a reset: this one socket goes, the hall stays.
        log.debug({ err: error }, "WebSocket failed; dropped");
        ws.terminate();
      });
      wss.emit("connection", ws, req);
      const sinceRaw = url.searchParams.get("since");
      const since = sinceRaw !== null && /^\d+$/.test(sinceRaw) ? Number(sinceRaw) : undefined;
      const last = ctx.events.lastSeq();
      if (since === undefined || since > last || last - since > MAX_REPLAY)
        send(ws, { type: "snapshot", snapshot: snapshot(ctx) });
      else for (const event of ctx.events.since(since, MAX_REPLAY)) send(ws, { type: "event", event });
      // Commands are durable until answered: a station that was away gets them all again now.
      if (principal?.kind === "device")
        for (const command of pendingCommands(ctx, principal.deviceId)) send(ws, { type: "command", command });
    }
  }

  /** Send one serialised message to each open socket of `sockets`; a socket that cannot take it is dropped. */
  const broadcast = (sockets: Iterable<WebSocket>, message: ServerMessage) => {
    // Encoded once: ws would turn a string into UTF-8 bytes again for every socket (1,000 screens: 1,000 copies).
    const bytes = Buffer.from(JSON.stringify(message));
    for (const ws of sockets)
      if (ws.readyState === ws.OPEN)
        try {
          ws.send(bytes, { binary: false });
        } catch (error) {
          log.warn({ err: error, type: message.type }, "could not send a message; socket dropped");
          ws.terminate();
        }
  };
  const onEvent = (event: HallEvent) => {
    if (wss.clients.size > 0) broadcast(wss.clients, { type: "event", event });
  };
  ctx.bus.on("event", onEvent);

  // A command is still pending in the database after a failed send: it goes again when the station reconnects.
  const onCommand = (deviceId: number, command: DeviceCommand) =>
    broadcast(
      [...devices].filter(([, id]) => id === deviceId).map(([ws]) => ws),
      { type: "command", command },
    );
  ctx.bus.on("command", onCommand);

  // Close, with 4401, every socket whose token no longer resolves (or no longer grants watching). Called in the
  // tick of the change that ended a credential, before that request is answered, and on every heartbeat for
  // sessions that ran out by time.
  const recheckCredentials = () => {
    for (const [ws, token] of tokens) {
      let principal;
      try {
        principal = resolveToken(ctx, token);
      } catch (error) {
        log.error({ err: error }, "could not re-check a WebSocket's token; checked again on the next heartbeat");
        continue;
      }
      if (principal && HALL_WATCHERS.includes(accessTag(principal))) continue;
      tokens.delete(ws);
      devices.delete(ws);
      try {
        ws.close(WsClose.credentialsEnded.code, WsClose.credentialsEnded.reason);
      } catch (error) {
        log.warn({ err: error }, "could not close a WebSocket whose credential ended; cut instead");
        ws.terminate();
      }
    }
  };
  ctx.bus.on("credentials", recheckCredentials);

  // Ping every 30 s (by default); a screen that did not answer the last ping is gone (cable pulled, PC asleep): drop it.
  const alive = new WeakSet<WebSocket>();
  wss.on("connection", (ws) => {
    alive.add(ws);
    ws.on("pong", () => alive.add(ws));
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      try {
        if (!alive.has(ws)) ws.terminate();
        else {
          alive.delete(ws);
          ws.ping();
        }
      } catch (error) {
        log.warn({ err: error }, "heartbeat failed for a socket; dropped");
        ws.terminate();
      }
    }
    try {
      recheckCredentials();
    } catch (error) {
      log.error({ err: error }, "heartbeat credential check failed");
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      ctx.bus.off("event", onEvent);
      ctx.bus.off("credentials", recheckCredentials);
      ctx.bus.off("command", onCommand);
      // Say why before cutting the line (RFC 6455 1001 "going away"), so clients resync after a reconnect.
      for (const ws of wss.clients) {
        try {
          ws.close(WsClose.serverStopping.code, WsClose.serverStopping.reason);
        } finally {
          ws.terminate();
        }
      }
      tokens.clear();
      devices.clear();
      wss.close();
    },
    clients: () => wss.clients.size,
  };
}
