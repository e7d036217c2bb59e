import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ServerMessage } from "@onewindow/contract";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";

/** Collects messages of one socket; `next(n)` resolves once n messages have arrived. */
function connect(url: string) {
  const ws = new WebSocket(url);
  const messages: ServerMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  ws.on("message", (data: Buffer) => {
    messages.push(JSON.parse(data.toString()) as ServerMessage);
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
  let kiosk: string;
  beforeEach(async () => {
    hall = await startTestHall();
    screen = hall.device("screen");
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => hall.close());
  const wsUrl = (q: string) => `${hall.url.replace("http", "ws")}/ws?${q}`;

  it("when a screen connects, then it gets a snapshot, then live events as tickets are issued and called", async () => {
    const c = connect(wsUrl(`token=${screen}`));
    await c.next(1);
    expect(c.messages[0]?.type).toBe("snapshot");
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk);
    const staff = await hall.login("GW005", 3);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await c.next(6);
    // login registers and pairs a fresh counter device first, hence device.created and device.paired
    const types = c.messages.slice(1).map((m) => (m.type === "event" ? m.event.type : m.type));
    expect(types).toEqual(["ticket.issued", "device.created", "device.paired", "staff.signed_in", "ticket.called"]);
    c.ws.close();
  });

  it("when a client reconnects with since=seq, then it gets exactly the events it missed, in order", async () => {
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk);
    const seen = hall.server.ctx.events.lastSeq();
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk);
    await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk);
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
