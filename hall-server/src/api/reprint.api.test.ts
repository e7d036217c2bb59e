/**
 * Issue 9, item 2/3: staff reprint a ticket at the kiosk that printed it. The command is durable: /ws delivers it to
 * that kiosk's sockets, again on every reconnect, until the kiosk answers it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  ServerMessage,
  type DeviceCommand,
  type DeviceCommandView,
  type IssuedTicket,
  type ReprintAnswer,
} from "@onewindow/contract";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";
type ApiError = { error: { code: string; message: string } };

/** A socket on /ws that collects the commands it is sent (every message is checked against ServerMessage). */
function stationSocket(url: string) {
  const ws = new WebSocket(url);
  const commands: DeviceCommand[] = [];
  const offContract: string[] = [];
  let snapshotOrEvents = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  ws.on("message", (data: Buffer) => {
    const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
    if (!parsed.success) offContract.push(parsed.error.message);
    else if (parsed.data.type === "command") commands.push(parsed.data.command);
    else snapshotOrEvents++;
    for (const w of waiters.filter((w) => commands.length >= w.n)) w.resolve();
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
  return {
    ws,
    commands,
    offContract,
    opened,
    /** Resolves once the snapshot arrived: the socket is subscribed and its pending commands were sent. */
    ready: () =>
      new Promise<void>((resolve) => {
        const check = () => (snapshotOrEvents > 0 ? resolve() : setTimeout(check, 5));
        check();
      }),
    next: (n: number) =>
      new Promise<void>((resolve) => (commands.length >= n ? resolve() : waiters.push({ n, resolve }))),
    close: async () => (ws.close(), await closed),
  };
}

describe("reprint through the server -> station channel", () => {
  let hall: TestHall;
  let kiosk: string;
  let staff: string;
  const wsUrl = (token: string) => `${hall.url.replace("http", "ws")}/ws?token=${token}`;
  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
    staff = await hall.login("GW005", 1);
  });
  afterEach(async () => hall.close());

  const printedTicket = async () =>
    (await hall.takeAtKiosk<IssuedTicket>(kiosk, { issue: { itemCode: ENQUIRY } })).body.ticket;

  it("when staff ask for a reprint, then the kiosk's open socket gets the command with the ticket's print data marked reprint", async () => {
    const ticket = await printedTicket();
    const station = stationSocket(wsUrl(kiosk));
    await station.ready();
    const screen = stationSocket(wsUrl(hall.device("screen")));
    await screen.ready();
    const res = await hall.api<ReprintAnswer>("POST", `/api/tickets/${ticket.id}/reprint`, {}, staff);
    expect(res.status).toBe(201);
    expect(res.body.command).toMatchObject({ kind: "reprint", ticketId: ticket.id, number: "A001", state: "pending" });
    await station.next(1);
    expect(station.commands[0]).toMatchObject({
      id: res.body.command.id,
      kind: "reprint",
      ticketId: ticket.id,
      print: { number: "A001", itemCode: ENQUIRY, reprint: true },
    });
    // Commands go to that station only.
    expect(screen.commands).toEqual([]);
    expect([...station.offContract, ...screen.offContract]).toEqual([]);
    const audit = hall.server.ctx.db.prepare("SELECT action, actor FROM audit WHERE action = 'reprint'").all();
    expect(audit).toHaveLength(1);
    await station.close();
    await screen.close();
  });

  it("when the kiosk was away or reconnects before answering, then it gets the command again; once answered, never again", async () => {
    const ticket = await printedTicket();
    const queued = await hall.api<ReprintAnswer>("POST", `/api/tickets/${ticket.id}/reprint`, {}, staff);
    const first = stationSocket(wsUrl(kiosk));
    await first.next(1);
    expect(first.commands.map((c) => c.id)).toEqual([queued.body.command.id]);
    await first.close();
    const second = stationSocket(wsUrl(kiosk));
    await second.next(1);
    expect(second.commands.map((c) => c.id)).toEqual([queued.body.command.id]);
    const answer = await hall.api<DeviceCommandView>(
      "POST",
      `/api/devices/self/commands/${queued.body.command.id}/result`,
      { ok: true },
      kiosk,
    );
    expect(answer.body).toMatchObject({ state: "done", reason: null });
    // Answered again (a retry): the same, first answer stands.
    const retry = await hall.api<DeviceCommandView>(
      "POST",
      `/api/devices/self/commands/${queued.body.command.id}/result`,
      { ok: false, reason: "paper out" },
      kiosk,
    );
    expect(retry.body).toEqual(answer.body);
    await second.close();
    const third = stationSocket(wsUrl(kiosk));
    await third.ready();
    expect(third.commands).toEqual([]);
    await third.close();
  });

  it("when a reprint fails at the station, then the command records why", async () => {
    const ticket = await printedTicket();
    const queued = await hall.api<ReprintAnswer>("POST", `/api/tickets/${ticket.id}/reprint`, {}, staff);
    const path = `/api/devices/self/commands/${queued.body.command.id}/result`;
    expect((await hall.api<ApiError>("POST", path, { ok: false }, kiosk)).status).toBe(400);
    const failed = await hall.api<DeviceCommandView>("POST", path, { ok: false, reason: "cover open" }, kiosk);
    expect(failed.body).toMatchObject({ state: "failed", reason: "cover open" });
  });

  it("when another kiosk answers a kiosk's command, then 404 and the command stays pending", async () => {
    const ticket = await printedTicket();
    const queued = await hall.api<ReprintAnswer>("POST", `/api/tickets/${ticket.id}/reprint`, {}, staff);
    const path = `/api/devices/self/commands/${queued.body.command.id}/result`;
    expect((await hall.api("POST", path, { ok: true }, hall.device("kiosk"))).status).toBe(404);
    expect(hall.server.ctx.store.deviceCommands.pending(queued.body.command.deviceId)).toHaveLength(1);
  });

  it("when the ticket was not printed by a kiosk (staff-issued, still reserved, voided), then 409 and nothing is queued", async () => {
    const byStaff = await hall.api<IssuedTicket>("POST", "/api/tickets", { itemCode: ENQUIRY }, staff);
    const reserved = await hall.api<{ ticket: { id: number } }>(
      "POST",
      "/api/tickets/reservations",
      { requestKey: crypto.randomUUID(), issue: { itemCode: ENQUIRY } },
      kiosk,
    );
    for (const id of [byStaff.body.ticket.id, reserved.body.ticket.id]) {
      const res = await hall.api<ApiError>("POST", `/api/tickets/${id}/reprint`, {}, staff);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain("not printed by a kiosk");
    }
    expect((await hall.api<ApiError>("POST", "/api/tickets/999999/reprint", {}, staff)).status).toBe(404);
    expect(hall.server.ctx.db.prepare("SELECT count(*) AS n FROM device_commands").get()).toEqual({ n: 0 });
  });
});
