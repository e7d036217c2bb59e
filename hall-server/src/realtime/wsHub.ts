/**
 * WebSocket event stream at /ws. A client authenticates with ?token=<device or staff token> (the hall's devices and
 * staff: HALL_WATCHERS, the same as GET /api/snapshot and /api/events) and may pass
 * ?since=<seq>: it then gets every event after that seq from the log (resync after a reconnect); otherwise, or
 * when too far behind, it gets a fresh snapshot first. Live events follow in order.
 *
 *   commit -> bus "event" -> every open socket (in seq order)
 */
import type { IncomingMessage, Server } from "node:http";
import type { HallEvent, ServerMessage } from "@onewindow/contract";
import { WebSocketServer, type WebSocket } from "ws";
import type { HallContext } from "../services/context.ts";
import { HALL_WATCHERS } from "../api/route.ts";
import { accessTag, resolveToken } from "../services/principal.ts";
import { snapshot } from "../services/snapshot.ts";

const MAX_REPLAY = 5_000;

function send(ws: WebSocket, message: ServerMessage) {
  ws.send(JSON.stringify(message));
}

export function attachWebSocket(
  ctx: HallContext,
  server: Server,
  options: { heartbeatMs?: number } = {},
): { close(): void; clients(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  server.on("upgrade", (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? "/", "http://hall");
    const token = url.searchParams.get("token") ?? "";
    const principal = url.pathname === "/ws" ? resolveToken(ctx, token) : undefined;
    if (!principal || !HALL_WATCHERS.includes(accessTag(principal))) {
      socket.write(`HTTP/1.1 ${principal ? "403 Forbidden" : "401 Unauthorized"}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      wss.emit("connection", ws, req);
      const sinceRaw = url.searchParams.get("since");
      const since = sinceRaw !== null && /^\d+$/.test(sinceRaw) ? Number(sinceRaw) : undefined;
      const last = ctx.events.lastSeq();
      if (since === undefined || since > last || last - since > MAX_REPLAY)
        send(ws, { type: "snapshot", snapshot: snapshot(ctx) });
      else for (const event of ctx.events.since(since, MAX_REPLAY)) send(ws, { type: "event", event });
      // Clients only listen; anything they send is ignored.
      ws.on("message", () => undefined);
      ws.on("error", () => ws.terminate());
    });
  });

  const onEvent = (event: HallEvent) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify({ type: "event", event } satisfies ServerMessage);
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  ctx.bus.on("event", onEvent);

  // Ping every 30 s (by default); a screen that did not answer the last ping is gone (cable pulled, PC asleep): drop it.
  const alive = new WeakSet<WebSocket>();
  wss.on("connection", (ws) => {
    alive.add(ws);
    ws.on("pong", () => alive.add(ws));
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      ctx.bus.off("event", onEvent);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
    clients: () => wss.clients.size,
  };
}
