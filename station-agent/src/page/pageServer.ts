/**
 * The agent's loopback port: the page API's WebSocket (/agent) and, until the station is paired, the first-run
 * pairing page (/ and POST /pair).
 *
 *   127.0.0.1:P  GET /            pairing page (unpaired) or a one-line status
 *                POST /pair       {code} -> hall-server pairing -> token file (0600); the token never goes back
 *                upgrade /agent   loopback peer? Origin allowed? --> PageSession (challenge, seals, seq, size)
 *
 * Bound to 127.0.0.1 only; the peer address is checked again at upgrade (defence in depth: a later change of the
 * bind address must not open the API to the LAN). Nothing here may stop the agent: every handler catches.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { AGENT_WS_PATH, type AgentMessage, type ParsedPageMessage } from "@onewindow/contract";
import { PageSession, refusalMessage } from "./pageSession.ts";
import { pairingPage } from "./pairingPage.ts";

/** Whether `address` (a socket's remoteAddress) is this machine's loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Why an upgrade is refused, or undefined when it may proceed. */
export function upgradeRefusal(
  request: { remoteAddress: string | undefined; origin: string | undefined; path: string },
  allowedOrigins: ReadonlySet<string>,
): { status: 403 | 404; why: string } | undefined {
  if (!isLoopbackAddress(request.remoteAddress)) return { status: 403, why: "not from this machine" };
  if (request.path !== AGENT_WS_PATH) return { status: 404, why: `no such socket (the page API is ${AGENT_WS_PATH})` };
  if (request.origin === undefined) return { status: 403, why: "no Origin" };
  if (!allowedOrigins.has(request.origin)) return { status: 403, why: `Origin ${request.origin} is not allowed` };
  return undefined;
}

export interface PageConnection {
  send(message: AgentMessage): void;
}

export interface PageServerOptions {
  readonly port: number;
  readonly secret: string;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly log: Logger;
  /** A message that passed every guard. */
  readonly onMessage: (message: ParsedPageMessage, from: PageConnection) => Promise<void> | void;
  /** Pairing: whether the station is paired, and redeeming a code (resolves with the device name). */
  readonly paired: () => boolean;
  readonly pair: (code: string) => Promise<string>;
  /** Unauthenticated connections are closed after this long, ms (default 10 000). */
  readonly helloTimeoutMs?: number;
}

/** Close code sent to a page whose seal failed before hello (wrong secret). */
export const CLOSE_REFUSED = 4403;

/** The running loopback server. */
export interface PageServer {
  readonly port: number;
  /** Send to every authenticated page. */
  broadcast(message: AgentMessage): void;
  close(): Promise<void>;
}

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const { log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const authed = new Set<WebSocket>();
  const http: Server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log.error({ err: error }, "page request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("cache-control", "no-store");
    res.setHeader("x-content-type-options", "nosniff");
    if (!isLoopbackAddress(req.socket.remoteAddress)) return void res.writeHead(403).end();
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/") {
      res.setHeader(
        "content-security-policy",
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'",
      );
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void res.end(pairingPage(options.paired()));
    }
    if (req.method === "POST" && path === "/pair") return pairRequest(req, res);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  }

  async function pairRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const own = `http://127.0.0.1:${port()}`;
    const answer = (status: number, body: { ok: boolean; message: string }): void =>
      void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    // Only the pairing page itself may post here (a web page in the same browser must not pair the kiosk).
    if (req.headers.origin !== own) return answer(403, { ok: false, message: "only the pairing page may pair" });
    if (options.paired()) return answer(409, { ok: false, message: "this station is already paired" });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 1024) return answer(413, { ok: false, message: "request too large" });
      chunks.push(chunk);
    }
    let code: unknown;
    try {
      code = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { code?: unknown }).code;
    } catch {
      return answer(400, { ok: false, message: 'send {"code": "12345678"}' });
    }
    if (typeof code !== "string" || !/^\d{8}$/.test(code))
      return answer(400, { ok: false, message: "the pairing code is 8 digits" });
    try {
      const name = await options.pair(code);
      return answer(200, { ok: true, message: `paired as ${name}` });
    } catch (error) {
      return answer(400, { ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }

  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => undefined);
    try {
      const refusal = upgradeRefusal(
        {
          remoteAddress: (socket as Socket).remoteAddress,
          origin: req.headers.origin,
          path: (req.url ?? "").split("?")[0] ?? "",
        },
        options.allowedOrigins,
      );
      if (refusal) {
        log.info({ origin: req.headers.origin, status: refusal.status }, `page socket refused: ${refusal.why}`);
        socket.end(
          `HTTP/1.1 ${refusal.status} ${refusal.status === 403 ? "Forbidden" : "Not Found"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => opened(ws));
    } catch (error) {
      log.error({ err: error }, "page upgrade failed");
      socket.destroy();
    }
  });

  function opened(ws: WebSocket): void {
    const session = new PageSession(options.secret, randomBytes(16).toString("base64url"));
    const connection: PageConnection = {
      send: (message) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message)),
    };
    const helloTimer = setTimeout(() => {
      if (!session.authenticated) ws.close(CLOSE_REFUSED, "no hello in time");
    }, options.helloTimeoutMs ?? 10_000);
    // Frames are checked one after another, in arrival order (the seq check needs the order).
    let chain: Promise<void> = Promise.resolve();
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      chain = chain
        .then(async () => {
          const verdict = await session.check(data, isBinary);
          if (verdict.kind === "refused") {
            log.info({ code: verdict.code }, "page frame refused");
            connection.send(refusalMessage(verdict.code, session.lastDetail));
            if (verdict.close) ws.close(CLOSE_REFUSED, "refused");
            return;
          }
          if (verdict.message.type === "hello") authed.add(ws);
          // Handled without holding up the next frame: a second "take" while one prints is answered "busy" now.
          Promise.resolve(options.onMessage(verdict.message, connection)).catch((error: unknown) =>
            log.error({ err: error }, "page message failed"),
          );
        })
        .catch((error: unknown) => log.error({ err: error }, "page frame failed"));
    });
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      clearTimeout(helloTimer);
      authed.delete(ws);
    });
    connection.send(session.challenge());
  }

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, "127.0.0.1", () => resolve());
  });
  const port = () => (http.address() as AddressInfo).port;
  return {
    port: port(),
    broadcast(message) {
      const text = JSON.stringify(message);
      for (const ws of authed) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
