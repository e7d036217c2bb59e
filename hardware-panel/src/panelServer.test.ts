import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialTransport, caller, evaluator, led } from "@onewindow/drivers/node";
import { startVirtualHall, type VirtualHall } from "@onewindow/drivers/virtual";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createPanelDevices } from "./panelDevices.ts";
import { startPanelServer, type PanelServer } from "./panelServer.ts";
import { MAX_REQUEST_BYTES, PanelMessage, type PanelState } from "./protocol.ts";

let root: string;
let dir: string;
let hall: VirtualHall;
let panel: PanelServer;

beforeAll(async () => {
  // Under a dot-directory, as the demo's .demo-hall is: the ticket images must still be served from there.
  root = mkdtempSync(join(tmpdir(), "onewindow-panel-"));
  dir = join(root, ".demo-hall");
  mkdirSync(dir);
  const bundleDir = join(dir, "bundle");
  mkdirSync(bundleDir);
  writeFileSync(join(bundleDir, "index.html"), "<!doctype html><title>panel</title>");
  hall = await startVirtualHall({ dir, kiosks: 1, windows: 2 });

  panel = await startPanelServer({
    host: "127.0.0.1",
    port: 0,
    bundleDir,
    devices: createPanelDevices(hall, { links: "pty" }),
    codes: () => [{ code: "6901234567892", kind: "other" }],
  });
});

afterAll(async () => {
  await panel?.stop();
  await hall?.stop();

  await rm(root, { recursive: true, force: true });
});

/** A page's socket: every message it received, and a way to wait for one. */
async function pageSocket(origin = panel.url.replace(/\/$/, "")) {
  const ws = new WebSocket(panel.url.replace(/^http/, "ws") + "ws", { origin });
  const received: PanelMessage[] = [];
  const waiters: { match: (m: PanelMessage) => boolean; resolve: (m: PanelMessage) => void }[] = [];
  ws.on("message", (data: Buffer) => {
    const message = PanelMessage.parse(JSON.parse(data.toString()));
    received.push(message);
    for (const w of waiters.splice(0)) {
      if (w.match(message)) w.resolve(message);
      else waiters.push(w);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const next = <T extends PanelMessage>(match: (m: PanelMessage) => m is T, timeoutMs = 5000): Promise<T> =>
    new Promise((resolve, reject) => {
      const found = received.find(match);
      if (found) {
        received.splice(received.indexOf(found), 1);
        resolve(found);
        return;
      }
      const timer = setTimeout(() => reject(new Error("no such message")), timeoutMs);
      waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          received.splice(received.indexOf(m), 1);
          resolve(m as T);
        },
      });
    });
  const reply = (id: number | null) =>
    next((m): m is Extract<PanelMessage, { type: "reply" }> => m.type === "reply" && m.id === id);
  const state = () =>
    next((m): m is Extract<PanelMessage, { type: "state" }> => m.type === "state").then((m) => m.state);
  return { ws, received, next, reply, state };
}

const kiosk1 = (state: PanelState) => state.kiosks.find((k) => k.kiosk === 1)!;
const windowOf = (state: PanelState, n: number) => state.windows.find((w) => w.window === n)!;
const isState = (m: PanelMessage): m is Extract<PanelMessage, { type: "state" }> => m.type === "state";

describe("the hardware panel's server", () => {
  it("when a page connects, then it gets every kiosk device's state, the masked sample cards and the codes", async () => {
    const page = await pageSocket();
    const state = await page.state();
    expect(state.links).toBe("pty");
    expect(kiosk1(state).printer).toEqual({ plugged: true, paper: "ok", cover: "closed", condition: "ok" });
    expect(kiosk1(state).idCardReader).toEqual({ plugged: true, card: null });
    expect(state.cards.map((c) => c.name)).toContain("resident");
    expect(state.cards.find((c) => c.name === "resident")).toMatchObject({
      maskedName: "张*",
      maskedIdNumber: "110***********1234",
    });
    expect(JSON.stringify(state)).not.toContain("110101198506121234");
    expect(state.codes).toEqual([{ code: "6901234567892", kind: "other" }]);
    page.ws.close();
  });

  it("when paper out and cover open are switched, then the printer reports them and every page sees the change", async () => {
    const page = await pageSocket();
    const other = await pageSocket();
    await page.state();
    await other.state();
    page.ws.send(JSON.stringify({ id: 1, command: { kind: "paper", kiosk: 1, paper: "out" } }));
    expect(await page.reply(1)).toEqual({ type: "reply", id: 1, ok: true });
    expect(kiosk1(await other.state()).printer).toMatchObject({ paper: "out", condition: "paper-out" });
    expect(hall.devices.kiosks[0]!.printer.device.flags.paperOut).toBe(true);
    page.ws.send(JSON.stringify({ id: 2, command: { kind: "cover", kiosk: 1, open: true } }));
    await page.reply(2);
    expect(kiosk1(await other.state()).printer).toMatchObject({ cover: "open", condition: "cover-open" });
    page.ws.send(JSON.stringify({ id: 3, command: { kind: "paper", kiosk: 1, paper: "ok" } }));
    page.ws.send(JSON.stringify({ id: 4, command: { kind: "cover", kiosk: 1, open: false } }));
    await page.reply(4);
    expect(hall.devices.kiosks[0]!.printer.device.flags).toMatchObject({ paperOut: false, coverOpen: false });
    page.ws.close();
    other.ws.close();
  });

  it("when a card is placed and removed, then the reader holds it and a second removal is refused in words", async () => {
    const page = await pageSocket();
    await page.state();
    page.ws.send(JSON.stringify({ id: 5, command: { kind: "card", kiosk: 1, card: "hk-macau" } }));
    expect((await page.reply(5)).ok).toBe(true);
    expect(kiosk1(await page.state()).idCardReader.card).toBe("hk-macau");
    page.ws.send(JSON.stringify({ id: 6, command: { kind: "card", kiosk: 1, card: "remove" } }));
    await page.reply(6);
    page.ws.send(JSON.stringify({ id: 7, command: { kind: "card", kiosk: 1, card: "remove" } }));
    expect(await page.reply(7)).toMatchObject({ ok: false, error: "there is no card on kiosk 1's reader" });
    page.ws.send(JSON.stringify({ id: 8, command: { kind: "card", kiosk: 1, card: "passport" } }));
    expect(await page.reply(8)).toMatchObject({ ok: false, error: 'no sample card named "passport"' });
    page.ws.send(JSON.stringify({ id: 9, command: { kind: "scan", kiosk: 2, code: "X" } }));
    expect((await page.reply(9)).error).toMatch(/^there is no kiosk 2/);
    page.ws.close();
  });

  it("when a code is scanned, then the scanner sends it down its line; text it cannot send is refused", async () => {
    const page = await pageSocket();
    expect(kiosk1(await page.state()).scanner).toEqual({ plugged: true });
    const host = new SerialTransport({ path: hall.map.kiosks[0]!.barcodeScanner });
    const received: Buffer[] = [];
    host.on("data", (chunk: Buffer) => received.push(chunk));
    await host.open();
    page.ws.send(JSON.stringify({ id: 20, command: { kind: "scan", kiosk: 1, code: "6901234567892" } }));
    expect(await page.reply(20)).toEqual({ type: "reply", id: 20, ok: true });
    await page.state(); // the state every successful command is followed by
    await expect.poll(() => Buffer.concat(received).toString("latin1")).toBe("6901234567892\r\n");
    page.ws.send(JSON.stringify({ id: 21, command: { kind: "scan", kiosk: 1, code: "预约码" } }));
    expect(await page.reply(21)).toMatchObject({ ok: false });
    page.ws.send(JSON.stringify({ id: 22, command: { kind: "plug", kiosk: 1, device: "scanner", plugged: false } }));
    await page.reply(22);
    expect(kiosk1(await page.state()).scanner).toEqual({ plugged: false });
    page.ws.send(JSON.stringify({ id: 23, command: { kind: "scan", kiosk: 1, code: "ABC" } }));
    expect((await page.reply(23)).error).toMatch(/^kiosk 1's scanner is unplugged/);
    page.ws.send(JSON.stringify({ id: 24, command: { kind: "plug", kiosk: 1, device: "scanner", plugged: true } }));
    await page.reply(24);
    await host.close();
    expect(Buffer.concat(received).toString("latin1")).toBe("6901234567892\r\n");
    page.ws.close();
  });

  it("when the printer is unplugged and plugged back, then the state follows and a double unplug is refused", async () => {
    const page = await pageSocket();
    await page.state();
    page.ws.send(JSON.stringify({ id: 10, command: { kind: "plug", kiosk: 1, device: "printer", plugged: false } }));
    await page.reply(10);
    expect(kiosk1(await page.state()).printer.plugged).toBe(false);
    page.ws.send(JSON.stringify({ id: 11, command: { kind: "plug", kiosk: 1, device: "printer", plugged: false } }));
    expect(await page.reply(11)).toMatchObject({ ok: false, error: "kiosk 1's printer is already unplugged" });
    page.ws.send(JSON.stringify({ id: 12, command: { kind: "plug", kiosk: 1, device: "printer", plugged: true } }));
    await page.reply(12);
    expect(kiosk1(await page.state()).printer.plugged).toBe(true);
    page.ws.close();
  });

  it("when a page sends garbage, then it is answered with the reason and nothing changes", async () => {
    const page = await pageSocket();
    await page.state();
    page.ws.send("{not json");
    expect(await page.reply(null)).toMatchObject({ ok: false, error: "not JSON: send {id, command}" });
    page.ws.send(JSON.stringify({ id: 13, command: { kind: "paper", kiosk: 1, paper: "wet" } }));
    expect((await page.reply(13)).error).toMatch(/^bad request: command\.paper: /);
    page.ws.send(JSON.stringify({ id: 14, command: { kind: "format-disk" } }));
    expect((await page.reply(14)).ok).toBe(false);
    page.ws.send(JSON.stringify([1, 2]));
    expect((await page.reply(null)).ok).toBe(false);
    expect(hall.devices.kiosks[0]!.printer.device.flags.paperOut).toBe(false);
    page.ws.close();
  });

  it("when a message is oversized, then that socket is closed and the server goes on serving", async () => {
    const page = await pageSocket();
    const closed = new Promise<number>((resolve) => page.ws.once("close", (code) => resolve(code)));
    page.ws.send("x".repeat(MAX_REQUEST_BYTES + 1));
    expect(await closed).toBe(1009);
    const again = await pageSocket();
    expect((await again.state()).kiosks).toHaveLength(1);
    again.ws.close();
  });

  it("when another origin (or none) opens the socket, then the upgrade is refused", async () => {
    await expect(pageSocket("http://evil.example")).rejects.toThrow(/403/);
    const noOrigin = new WebSocket(panel.url.replace(/^http/, "ws") + "ws");
    await expect(
      new Promise((resolve, reject) => {
        noOrigin.once("open", resolve);
        noOrigin.once("error", reject);
      }),
    ).rejects.toThrow(/403/);
  });

  it("when the printer cuts a ticket, then pages are told and its PNG is served; other paths answer 404", async () => {
    const page = await pageSocket();
    await page.state();
    const host = new SerialTransport({ path: hall.map.kiosks[0]!.printer });
    await host.open();
    // ESC @ (initialise), a line of text, GS V 0 (full cut): the smallest ticket.
    await host.write(
      Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from("A001\n"), Buffer.from([0x1d, 0x56, 0x00])]),
    );
    const ticket = await page.next((m): m is Extract<PanelMessage, { type: "ticket" }> => m.type === "ticket", 10_000);
    await host.close();
    expect(ticket.ticket).toMatchObject({ kiosk: 1, image: `tickets/${ticket.ticket.n}.png` });
    const png = await fetch(panel.url + ticket.ticket.image);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect((await fetch(panel.url + "tickets/999.png")).status).toBe(404);
    expect((await fetch(panel.url + "tickets/..%2f..%2fetc%2fpasswd")).status).toBe(404);
    expect((await fetch(panel.url + "api/tickets")).status).toBe(404);
    const index = await fetch(panel.url);
    expect(await index.text()).toContain("<title>panel</title>");
    expect(index.headers.get("content-security-policy")).toContain("default-src 'self'");
    page.ws.close();
  });

  it("when a page connects, then it gets each window's LED strip, caller keypad and evaluation keypad", async () => {
    const page = await pageSocket();
    const state = await page.state();
    expect(state.windows.map((w) => w.window)).toEqual([1, 2]);
    expect(windowOf(state, 2)).toEqual({
      window: 2,
      ledStrip: { plugged: true, lines: [], idle: [] },
      callerKeypad: { plugged: true, text: null },
      evaluationKeypad: { plugged: true, ratingPending: false, lastSent: null },
    });
    page.ws.close();
  });

  it("when the agent's driver writes to window 1's LED strip, then every page sees the text without asking", async () => {
    const page = await pageSocket();
    await page.state();
    const strip = new led.LedStrip({
      transport: new SerialTransport({ path: hall.map.windows[0]!.ledStrip.path }),
      pollIntervalMs: 0,
      reconnect: false,
    });
    await strip.open();
    await strip.setIdleText("1号窗口");
    await strip.show("请A001号");
    const shown = await page.next(
      (m): m is Extract<PanelMessage, { type: "state" }> =>
        isState(m) && windowOf(m.state, 1).ledStrip.lines[0]?.text === "请A001号",
    );
    expect(windowOf(shown.state, 1).ledStrip).toEqual({
      plugged: true,
      lines: [{ line: 1, text: "请A001号" }],
      idle: [{ line: 1, text: "1号窗口" }],
    });
    expect(windowOf(shown.state, 2).ledStrip.lines).toEqual([]);
    await strip.clear();
    await page.next(
      (m): m is Extract<PanelMessage, { type: "state" }> =>
        isState(m) && windowOf(m.state, 1).ledStrip.lines.length === 0,
    );
    await strip.close();
    page.ws.close();
  });

  it("when caller keys are pressed, then the agent's driver receives them; a transfer without a window is refused", async () => {
    const page = await pageSocket();
    await page.state();
    const keypad = new caller.CallerKeypad({
      variant: "serial",
      mode: "push",
      transport: new SerialTransport({ path: hall.map.windows[1]!.callerKeypad.path }),
      reconnect: false,
    });
    const keys: unknown[] = [];
    keypad.on("key", ({ address: _address, ...action }) => keys.push(action));
    await keypad.open();
    page.ws.send(JSON.stringify({ id: 30, command: { kind: "callerKey", window: 2, key: "next" } }));
    expect(await page.reply(30)).toEqual({ type: "reply", id: 30, ok: true });
    page.ws.send(JSON.stringify({ id: 31, command: { kind: "callerKey", window: 2, key: "transfer", target: 3 } }));
    expect((await page.reply(31)).ok).toBe(true);
    page.ws.send(JSON.stringify({ id: 32, command: { kind: "callerKey", window: 2, key: "transfer" } }));
    expect(await page.reply(32)).toMatchObject({ ok: false, error: "transfer needs the target window (1-255)" });
    page.ws.send(JSON.stringify({ id: 33, command: { kind: "callerKey", window: 2, key: "pause", target: 1 } }));
    expect(await page.reply(33)).toMatchObject({ ok: false, error: "the pause key takes no number" });
    page.ws.send(JSON.stringify({ id: 34, command: { kind: "callerKey", window: 7, key: "next" } }));
    expect((await page.reply(34)).error).toMatch(/^there is no window 7/);
    await expect.poll(() => keys).toEqual([{ kind: "next" }, { kind: "transfer", targetWindow: 3 }]);

    page.ws.send(
      JSON.stringify({ id: 35, command: { kind: "windowPlug", window: 2, device: "caller", plugged: false } }),
    );
    expect((await page.reply(35)).ok).toBe(true);
    // Every command is followed by a state: the one that shows the caller unplugged.
    await page.next(
      (m): m is Extract<PanelMessage, { type: "state" }> => isState(m) && !windowOf(m.state, 2).callerKeypad.plugged,
    );
    page.ws.send(JSON.stringify({ id: 36, command: { kind: "callerKey", window: 2, key: "recall" } }));
    expect(await page.reply(36)).toMatchObject({
      ok: false,
      error: "window 2's caller is unplugged; replug 2 caller first",
    });
    page.ws.send(
      JSON.stringify({ id: 37, command: { kind: "windowPlug", window: 2, device: "caller", plugged: true } }),
    );
    expect((await page.reply(37)).ok).toBe(true);
    expect(keys).toHaveLength(2);
    await keypad.close();
    page.ws.close();
  });

  it("when an evaluation key is pressed with nothing asked, then it goes out unsolicited and the page shows what was sent", async () => {
    const page = await pageSocket();
    await page.state();
    const keypad = evaluator.EvaluationKeypad.create({
      variant: "serial",
      transport: new SerialTransport({ path: hall.map.windows[0]!.evaluationKeypad.path }),
      reconnect: false,
      heartbeatMs: 0,
    });
    const unsolicited: unknown[] = [];
    keypad.on("unsolicited", (key) => unsolicited.push(key));
    await keypad.open();
    page.ws.send(JSON.stringify({ id: 40, command: { kind: "evaluatorKey", window: 1, key: 2 } }));
    expect((await page.reply(40)).ok).toBe(true);
    const sent = windowOf(await page.state(), 1).evaluationKeypad.lastSent;
    expect(sent).toMatchObject({ key: 2, level: 4, label: "满意", answered: false });
    await expect.poll(() => unsolicited).toEqual([{ key: "2", level: 4 }]);
    page.ws.send(JSON.stringify({ id: 41, command: { kind: "evaluatorKey", window: 1, key: 6 } }));
    expect((await page.reply(41)).error).toMatch(/^bad request: command\.key: /);
    page.ws.send(
      JSON.stringify({ id: 42, command: { kind: "windowPlug", window: 1, device: "evaluator", plugged: false } }),
    );
    await page.reply(42);
    page.ws.send(JSON.stringify({ id: 43, command: { kind: "evaluatorKey", window: 1, key: 1 } }));
    expect(await page.reply(43)).toMatchObject({
      ok: false,
      error: "window 1's evaluator is unplugged; plug it in first",
    });
    page.ws.send(
      JSON.stringify({ id: 44, command: { kind: "windowPlug", window: 1, device: "evaluator", plugged: true } }),
    );
    await page.reply(44);
    expect(unsolicited).toHaveLength(1);
    await keypad.close();
    page.ws.close();
  });
});
