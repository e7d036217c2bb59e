/**
 * The hardware panel's own small HTTP + WebSocket server, started only by the demo process (never mounted by a
 * hall-server: this workspace is not a dependency of hall-server's production code, see panelServer.test.ts).
 *
 *   GET /            the page's bundle (built by web-build's ensureBundle)
 *   GET /tickets/N.png  the N-th ticket the virtual printers cut
 *   WS  /ws          same-origin only: PanelRequest in, PanelMessage out (state on connect and on every change)
 *
 * A malformed, oversized or refused request is answered (or the socket closed, for oversized) and changes nothing;
 * nothing a page sends can stop the server.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, dirname } from "node:path";
import express from "express";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { PanelRefusal, type PanelDevices } from "./panelDevices.ts";
import {
  MAX_REQUEST_BYTES,
  PanelRequest,
  TICKETS_KEPT,
  type PanelMessage,
  type PanelState,
  type SampleCode,
} from "./protocol.ts";

export interface PanelServerOptions {
  /** Listen address; the demo passes the hall's own (loopback unless asked otherwise). */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The page's built bundle (a directory holding index.html). */
  readonly bundleDir: string;
  readonly devices: PanelDevices;
  /** The codes the scanner can read, asked again for every state (appointments come and go). */
  readonly codes: () => readonly SampleCode[];
  /** Where failures of the server itself are reported (never a page's bad input). */
  readonly onError?: (error: unknown) => void;
}

export interface PanelServer {
  /** The page's loopback URL, e.g. http://127.0.0.1:8081/. */
  readonly url: string;
  readonly address: AddressInfo;
  /** Close every socket and stop listening; idempotent. */
  stop(): Promise<void>;
}

const securityHeaders: express.RequestHandler = (_req, res, next) => {
  // Element Plus sets inline styles; everything else is the bundle's own files and this origin's socket.
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  next();
};

/** A WebSocket message's text, whatever shape `ws` delivered it in. */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(new Uint8Array(data)).toString("utf8");
}

/** Whether a WebSocket upgrade comes from this server's own page (browsers always send Origin). */
export function isSameOrigin(req: Pick<IncomingMessage, "headers">): boolean {
  const { origin, host } = req.headers;
  return origin !== undefined && host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** Start the panel server; resolves once it listens. */
export async function startPanelServer(options: PanelServerOptions): Promise<PanelServer> {
  const { devices } = options;
  const report = options.onError ?? (() => undefined);
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  app.get("/tickets/:file", (req, res) => {
    const n = /^(\d{1,9})\.png$/.exec(req.params.file)?.[1];
    const ticket = n === undefined ? undefined : devices.saved().find((t) => t.n === Number(n));
    if (!ticket) {
      res.status(404).type("text/plain").send("no such ticket");
      return;
    }
    // Rooted at the ticket's folder: the demo keeps it under .demo-hall, and a dot-directory anywhere in an
    // unrooted path makes sendFile refuse the file.
    res.type("image/png").sendFile(basename(ticket.png), { root: dirname(ticket.png) }, (error) => {
      if (error && !res.headersSent) res.status(404).type("text/plain").send("no such ticket");
    });
  });
  app.use(express.static(options.bundleDir, { index: "index.html", fallthrough: true, dotfiles: "ignore" }));
  app.use((_req, res) => void res.status(404).type("text/plain").send("not found"));

  const http: Server = createServer(app);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  http.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://panel").pathname;
    if (path !== "/ws" || !isSameOrigin(req)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });

  const imageOf = (n: number) => `tickets/${n}.png`;
  const state = async (): Promise<PanelState> => ({
    links: devices.links,
    kiosks: await devices.kiosks(),
    windows: await devices.windows(),
    cards: [...devices.cards],
    codes: [...options.codes()],
    tickets: devices
      .saved()
      .slice(-TICKETS_KEPT)
      .map((t) => ({ n: t.n, kiosk: t.kiosk, image: imageOf(t.n) })),
  });
  const send = (ws: WebSocket, message: PanelMessage): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const broadcastState = async (): Promise<void> => {
    const message: PanelMessage = { type: "state", state: await state() };
    for (const ws of wss.clients) send(ws, message);
  };
  const sendStateSafely = () => void broadcastState().catch(report);

  const stopTickets = devices.onTicket((t) => {
    const message: PanelMessage = { type: "ticket", ticket: { n: t.n, kiosk: t.kiosk, image: imageOf(t.n) } };
    for (const ws of wss.clients) send(ws, message);
    sendStateSafely();
  });

  // The agent writes a strip's text in a few frames (line, idle text): one state for a burst of changes.
  let changeTimer: NodeJS.Timeout | undefined;
  const stopChanges = devices.onChange(() => {
    if (changeTimer) return;
    changeTimer = setTimeout(() => {
      changeTimer = undefined;
      sendStateSafely();
    }, 50);
  });

  const onMessage = async (ws: WebSocket, data: RawData): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(textOf(data));
    } catch {
      send(ws, { type: "reply", id: null, ok: false, error: "not JSON: send {id, command}" });
      return;
    }
    const request = PanelRequest.safeParse(parsed);
    if (!request.success) {
      const id = (parsed as { id?: unknown } | null)?.id;
      const issue = request.error.issues[0];
      send(ws, {
        type: "reply",
        id: typeof id === "number" && Number.isInteger(id) ? id : null,
        ok: false,
        error: `bad request: ${issue ? `${issue.path.join(".") || "message"}: ${issue.message}` : "invalid"}`,
      });
      return;
    }
    const { id, command } = request.data;
    try {
      await devices.apply(command);
    } catch (error) {
      if (!(error instanceof PanelRefusal)) report(error);
      send(ws, { type: "reply", id, ok: false, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    send(ws, { type: "reply", id, ok: true });
    await broadcastState();
  };

  wss.on("connection", (ws) => {
    ws.on("error", () => undefined); // an oversized message closes the socket with 1009; nothing else to do
    ws.on("message", (data) => void onMessage(ws, data).catch(report));
    void state()
      .then((s) => send(ws, { type: "state", state: s }))
      .catch(report);
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, options.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const loopback = ["0.0.0.0", "::"].includes(address.address) ? "127.0.0.1" : host;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${loopback}:${address.port}/`,
    address,
    stop: () =>
      (stopped ??= (async () => {
        stopTickets();
        stopChanges();
        clearTimeout(changeTimer);
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })()),
  };
}
