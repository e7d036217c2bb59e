import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Catalog, SHELL_FALLBACK_ORIGIN, ServerMessage, WsClose } from "@onewindow/contract";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { createLogger } from "../security/index.ts";
import { releaseLapsedSeats } from "../services/staffSessions.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";

/** Messages any socket received that are not a `ServerMessage` of the contract (each test ends by checking none). */
const offContract: string[] = [];
afterEach(() => {
  expect(offContract).toEqual([]);
  offContract.length = 0;
});

/**
 * Collects messages of one socket, each a text frame parsed against the contract's `ServerMessage` (snapshot or `HallEvent`);
 * `next(n)` resolves once n messages have arrived.
 */
function connect(url: string) {
  const ws = new WebSocket(url);
  const messages: ServerMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    // Browsers read a text frame as a string: every message is one JSON text frame (ServerMessage), never binary.
    if (isBinary) offContract.push(`a binary frame: ${data.toString()}`);
    const raw: unknown = JSON.parse(data.toString());
    const parsed = ServerMessage.safeParse(raw);
    if (!parsed.success) offContract.push(`${parsed.error.message} in ${data.toString()}`);
    messages.push(raw as ServerMessage);
    for (const w of waiters.filter((w) => messages.length >= w.n)) w.resolve();
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    ws,
    messages,
    opened,
    next: (n: number) =>
      new Promise<void>((resolve) => (messages.length >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

describe("WebSocket event stream", () => {
  let hall: TestHall;
  let screen: string;
  let issuer: string;
  beforeEach(async () => {
    hall = await startTestHall();
    screen = hall.device("screen");
    // One-phase issue (the online hall): these tests are about the stream, not a kiosk's two phases.
    issuer = hall.device("gateway");
  });
  afterEach(async () => hall.close());
  const wsUrl = (q: string) => `${hall.url.replace("http", "ws")}/ws?${q}`;

  it("when a screen connects, then it gets a snapshot, then live events as tickets are issued and called", async () => {
    const c = connect(wsUrl(`token=${screen}`));
    await c.next(1);
    expect(c.messages[0]?.type).toBe("snapshot");
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, issuer);
    const staff = await hall.login("GW005", 3);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await c.next(6);
    // login registers and pairs a fresh counter device first, hence device.created and device.paired
    const types = c.messages.slice(1).map((m) => (m.type === "event" ? m.event.type : m.type));
    expect(types).toEqual(["ticket.issued", "device.created", "device.paired", "staff.signed_in", "ticket.called"]);
    c.ws.close();
  });

  it("when a client reconnects with since=seq, then it gets exactly the events it missed, in order", async () => {
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, issuer);
    const seen = hall.server.ctx.events.lastSeq();
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, issuer);
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, issuer);
    const c = connect(wsUrl(`token=${screen}&since=${seen}`));
    await c.next(2);
    const numbers = c.messages.map((m) =>
      m.type === "event" && m.event.type === "ticket.issued" ? m.event.data.ticket.number : "?",
    );
    expect(numbers).toEqual(["A002", "A003"]);
    expect(c.messages.map((m) => (m.type === "event" ? m.event.seq : 0))).toEqual([seen + 1, seen + 2]);
    c.ws.close();
  });

  it("when the token is missing or wrong, then the upgrade is refused", async () => {
    const c = connect(wsUrl("token=nope"));
    await expect(c.opened).rejects.toThrow(/401/);
  });

  it("when a screen stops answering pings, then the server drops it; a live one stays", async () => {
    await hall.close();
    hall = await startTestHall({ wsHeartbeatMs: 50 });
    screen = hall.device("screen");
    const silent = new WebSocket(wsUrl(`token=${screen}`), { autoPong: false });
    const live = connect(wsUrl(`token=${screen}`));
    await live.opened;
    const closed = new Promise<void>((resolve) => silent.once("close", () => resolve()));
    await closed;
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    live.ws.close();
  });
});

/**
 * Runs `request` while `ws` is open and reports the socket's state at the moment the HTTP answer arrived: CLOSING or
 * CLOSED means the server's close frame was seen first (ws answers a close frame at once, moving to CLOSING).
 */
async function closeVersusAnswer(ws: WebSocket, request: () => Promise<{ status: number }>) {
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const answer = await request();
  return { status: answer.status, stateAtAnswer: ws.readyState, closed };
}

describe("WebSocket channels end with their credentials", () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => hall.close());
  const wsUrl = (token: string) => `${hall.url.replace("http", "ws")}/ws?token=${token}`;
  const open = async (token: string) => {
    const c = connect(wsUrl(token));
    await c.next(1);
    return c;
  };

  it("when a screen's device is revoked, then its open socket is closed with 4401 before DELETE /api/devices/:id is answered", async () => {
    const screen = hall.device("screen");
    const c = await open(screen);
    const deviceId = hall.server.ctx.db
      .prepare<[], { id: number }>("SELECT id FROM devices WHERE kind = 'screen'")
      .get()!.id;
    const admin = await hall.login("GW001");
    const r = await closeVersusAnswer(c.ws, () => hall.api("DELETE", `/api/devices/${deviceId}`, undefined, admin));
    expect(r.status).toBe(200);
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
    // device.revoked was published after the close: the revoked screen never saw it.
    expect(c.messages.some((m) => m.type === "event" && m.event.type === "device.revoked")).toBe(false);
  });

  it("when a staff member logs out, then their open socket is closed with 4401 before the logout is answered", async () => {
    const staff = await hall.login("GW005", 3);
    const c = await open(staff);
    const r = await closeVersusAnswer(c.ws, () => hall.api("POST", "/api/auth/logout", {}, staff));
    expect(r.status).toBe(200);
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
  });

  it("when a supervisor logs out on the admin page, then the supervisor's socket is closed before the answer", async () => {
    const supervisor = await hall.login("GW002");
    const c = await open(supervisor);
    const r = await closeVersusAnswer(c.ws, () => hall.api("POST", "/api/auth/logout", {}, supervisor));
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
  });

  it("when a supervisor releases a window, then the released staff member's socket is closed before the answer; others stay", async () => {
    const staff = await hall.login("GW005", 3);
    const screen = await open(hall.device("screen"));
    const c = await open(staff);
    const supervisor = await hall.login("GW002");
    const r = await closeVersusAnswer(c.ws, () => hall.api("POST", "/api/windows/3/release", {}, supervisor));
    expect(r.status).toBe(200);
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
    expect(screen.ws.readyState).toBe(WebSocket.OPEN);
    screen.ws.close();
  });

  it("when the counter device a staff member signed in through is revoked, then the staff member's socket closes too", async () => {
    const staff = await hall.login("GW005", 3);
    const c = await open(staff);
    const counterId = hall.server.ctx.db
      .prepare<[], { id: number }>("SELECT id FROM devices WHERE kind = 'counter' ORDER BY id DESC")
      .get()!.id;
    const admin = await hall.login("GW001");
    const r = await closeVersusAnswer(c.ws, () => hall.api("DELETE", `/api/devices/${counterId}`, undefined, admin));
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
  });

  it("when a staff member signs in again at the window, then the socket of the session that sign-in replaced closes", async () => {
    const first = await hall.login("GW005", 3);
    const c = await open(first);
    const r = await closeVersusAnswer(c.ws, async () => ({ status: (await hall.login("GW005", 3)) ? 200 : 0 }));
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
  });

  it("when a catalogue import deactivates a signed-in staff member, then their socket closes before the import is answered", async () => {
    const staff = await hall.login("GW003");
    const c = await open(staff);
    const admin = await hall.login("GW001");
    const catalog = Catalog.parse(demoCatalog);
    const without = { ...catalog, staff: catalog.staff.filter((s) => s.employeeNo !== "GW003") };
    const r = await closeVersusAnswer(c.ws, () => hall.api("POST", "/api/catalog/import", without, admin));
    expect(r.status).toBe(200);
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
  });

  it("when the housekeeping sweep deletes a session that ran out, then its socket closes in that tick, before the next answer", async () => {
    const supervisor = await hall.login("GW002");
    const c = await open(supervisor);
    hall.clock.advance(12 * 3_600_000 + 1);
    const r = await closeVersusAnswer(c.ws, () => {
      releaseLapsedSeats(hall.server.ctx);
      return hall.api("GET", "/health");
    });
    expect(r.stateAtAnswer).not.toBe(WebSocket.OPEN);
    expect(await r.closed).toEqual(WsClose.credentialsEnded);
  });

  it("when a session runs out by time, then the heartbeat closes its socket with 4401; a device socket stays", async () => {
    await hall.close();
    hall = await startTestHall({ wsHeartbeatMs: 20 });
    const staff = await hall.login("GW005", 3);
    const screen = await open(hall.device("screen"));
    const c = await open(staff);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      c.ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    hall.clock.advance(12 * 3_600_000 + 1);
    expect(await closed).toEqual(WsClose.credentialsEnded);
    expect(screen.ws.readyState).toBe(WebSocket.OPEN);
    screen.ws.close();
  });
});

describe("WebSocket Origin check", () => {
  let hall: TestHall;
  let lines: string[];
  beforeEach(async () => {
    lines = [];
    const destination = { write: (line: string) => void lines.push(line) };
    hall = await startTestHall({
      config: { publicBaseUrl: "https://hall.example.gov.cn", extraOrigins: ["http://10.0.0.9:5173"] },
      log: createLogger({ level: "info", destination }),
    });
  });
  afterEach(async () => hall.close());
  const port = () => new URL(hall.url).port;
  const status = (token: string, origin?: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${hall.url.replace("http", "ws")}/ws?token=${token}`, origin ? { origin } : {});
      ws.once("open", () => (ws.close(), resolve(101)));
      ws.once("unexpected-response", (_req, res) => (ws.terminate(), resolve(res.statusCode ?? 0)));
      ws.once("error", reject);
    });

  it.each([
    ["a foreign site", "http://evil.example"],
    ["the hall's address on another port", "http://127.0.0.1:1"],
    ["an opaque origin", "null"],
    ["a look-alike of the shell scheme", "onewindow-shell://fallback.evil"],
    ["the public base URL over plain http", "http://hall.example.gov.cn"],
    ["an origin with a path", "https://hall.example.gov.cn/x"],
  ])(
    "when a browser upgrade comes from %s, then it is refused with 403 and the log says why, without the token",
    async (_what, origin) => {
      const screen = hall.device("screen");
      expect(await status(screen, origin)).toBe(403);
      const refusal = lines.find((l) => l.includes("origin"));
      expect(refusal).toBeDefined();
      expect(lines.join("\n")).not.toContain(screen);
    },
  );

  it("when the Origin is the hall's own, its public base URL, an extra origin or the shells' fallback page, then the upgrade opens", async () => {
    const screen = hall.device("screen");
    for (const origin of [
      `http://127.0.0.1:${port()}`,
      `http://localhost:${port()}`,
      "https://hall.example.gov.cn",
      "http://10.0.0.9:5173",
      SHELL_FALLBACK_ORIGIN,
    ])
      expect([origin, await status(screen, origin)]).toEqual([origin, 101]);
  });

  it("when an upgrade carries no Origin (station agent, camera), then its token alone decides", async () => {
    expect(await status(hall.device("screen"))).toBe(101);
    expect(await status("not-a-token-at-all-0123456789")).toBe(401);
  });
});
