/**
 * The hall screen's link against a real hall-server in-process (real SQLite file, real /ws on loopback port 0), with
 * `ws` standing in for the browser's WebSocket: live events, a server restart resumed with since=<seq>, a revoked
 * device (4401), a token refused at connect, and a socket that looks open but carries nothing (the probe).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { applyEvent, fromSnapshot, type ScreenState } from "./hallScreenState.ts";
import { startHallSocket, type HallSocket, type LinkState, type SocketLike, type StreamMessage } from "./hallSocket.ts";

const ENQUIRY = "11441702007046212W200010100100";
const FAST = { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 };

/** Poll `check` until it holds (a generous budget: the machine is shared); never a timed assertion. */
async function until(check: () => boolean, what: string, budgetMs = 20_000): Promise<void> {
  const end = Date.now() + budgetMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A screen: the link plus the reducer, as the page wires them; the hall's URL may change between restarts. */
function screenOn(getUrl: () => string, token: string, extra: { probe?: () => Promise<number | undefined> } = {}) {
  let state: ScreenState | undefined;
  const states: LinkState[] = [];
  const messages: StreamMessage[] = [];
  const urls: string[] = [];
  let refused = 0;
  const link: HallSocket = startHallSocket({
    url: (since) => {
      const u = `${getUrl().replace("http", "ws")}/ws?token=${token}${since === undefined ? "" : `&since=${since}`}`;
      urls.push(u);
      return u;
    },
    open: (url) => new WebSocket(url) as unknown as SocketLike,
    lastSeq: () => state?.seq,
    onMessage: (m) => {
      messages.push(m);
      state = m.type === "snapshot" ? fromSnapshot(m.snapshot) : applyEvent(state!, m.event);
    },
    onRefused: () => refused++,
    onState: (s) => states.push(s),
    checkToken: async () => {
      try {
        const res = await fetch(`${getUrl()}/api/catalog`, { headers: { authorization: `Bearer ${token}` } });
        return res.status === 401 ? "refused" : "valid";
      } catch {
        return "unreachable";
      }
    },
    backoff: FAST,
    ...(extra.probe ? { probe: extra.probe, probeMs: 100 } : {}),
  });
  return {
    link,
    states,
    messages,
    urls,
    get state() {
      return state;
    },
    get refused() {
      return refused;
    },
  };
}

describe("hall socket", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function hall(options: Parameters<typeof startTestHall>[0] = {}): Promise<TestHall> {
    const h = await startTestHall(options);
    const close = h.close.bind(h);
    let closed = false;
    cleanups.push(() => (closed ? undefined : close()));
    return Object.assign(h, {
      close: async () => {
        closed = true;
        await close();
      },
    });
  }

  it("when the screen connects, then it gets the snapshot and then each call live", async () => {
    const h = await hall();
    const token = h.device("screen");
    const staff = await h.login("GW005", 1);
    const gateway = h.device("gateway");
    const s = screenOn(() => h.url, token);
    cleanups.push(() => s.link.stop());
    await until(() => s.state !== undefined, "the snapshot");
    expect(s.messages[0]?.type).toBe("snapshot");
    expect(s.link.state).toBe("live");
    const issued = await h.api<{ ticket: { number: string } }>("POST", "/api/tickets", { itemCode: ENQUIRY }, gateway);
    await h.api("POST", "/api/counter/call-next", {}, staff);
    await until(() => s.state!.recentCalls.length === 1, "the call");
    expect(s.state!.windows.find((w) => w.number === 1)?.current?.number).toBe(issued.body.ticket.number);
  });

  it("when the hall-server restarts, then the screen reconnects by itself with since=<its seq> and misses nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-screen-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await hall({ dir });
    const token = first.device("screen");
    const gateway = first.device("gateway");
    const staffFirst = await first.login("GW005", 1);
    let url = first.url;
    const s = screenOn(() => url, token);
    cleanups.push(() => s.link.stop());
    await until(() => s.state !== undefined, "the snapshot");
    await first.api("POST", "/api/tickets", { itemCode: ENQUIRY }, gateway);
    await first.api("POST", "/api/counter/call-next", {}, staffFirst);
    await until(() => s.state!.recentCalls.length === 1, "the first call");
    const seqBefore = s.state!.seq;

    await first.close();
    await until(() => s.link.state === "retrying", "the link noticing the restart");
    const second = await hall({ dir, keyring: first.server.ctx.keyring });
    url = second.url;
    await until(() => s.link.state === "live", "the link back");
    expect(s.urls.at(-1)).toContain(`since=${seqBefore}`);
    // Nothing was missed: the first call is still there, the next call arrives live on the new connection.
    const staff = await second.login("GW006", 2);
    await second.api("POST", "/api/tickets", { itemCode: ENQUIRY }, gateway);
    await second.api("POST", "/api/counter/call-next", {}, staff);
    await until(() => s.state!.recentCalls.length === 2, "the call after the restart");
    expect(s.state!.recentCalls.map((c) => c.windowNumber)).toEqual([2, 1]);
    // Resumed from its seq: no second snapshot.
    expect(s.messages.filter((m) => m.type === "snapshot")).toHaveLength(1);
  });

  it("when the screen's device is revoked, then the link stops and says so (4401): the page pairs again", async () => {
    const h = await hall();
    const token = h.device("screen");
    const s = screenOn(() => h.url, token);
    cleanups.push(() => s.link.stop());
    await until(() => s.link.state === "live", "the link");
    const admin = await h.login("GW001");
    const devices = await h.api<{ id: number; kind: string }[]>("GET", "/api/devices", undefined, admin);
    const screen = devices.body.filter((d) => d.kind === "screen").at(-1)!;
    expect((await h.api("DELETE", `/api/devices/${screen.id}`, undefined, admin)).status).toBe(200);
    await until(() => s.refused === 1, "the refusal");
    expect(s.link.state).toBe("refused");
  });

  it("when the token is refused at connect (401), then the link asks the API, stops and says so", async () => {
    const h = await hall();
    const s = screenOn(() => h.url, "not-a-token");
    cleanups.push(() => s.link.stop());
    await until(() => s.refused === 1, "the refusal");
    expect(s.link.state).toBe("refused");
    expect(s.messages).toEqual([]);
  });

  it("when the hall is down at start, then the link keeps retrying with backoff and connects once it is up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-screen-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await hall({ dir });
    const token = first.device("screen");
    const deadUrl = first.url;
    await first.close();
    let url = deadUrl;
    const s = screenOn(() => url, token);
    cleanups.push(() => s.link.stop());
    await until(() => s.urls.length >= 3, "three attempts");
    expect(s.link.state).toBe("retrying");
    const second = await hall({ dir, keyring: first.server.ctx.keyring });
    url = second.url;
    await until(() => s.link.state === "live", "the link");
    expect(s.refused).toBe(0);
  });

  it("when the socket looks open but the hall is ahead of it on two probes, then it reconnects and catches up", async () => {
    const h = await hall();
    const token = h.device("screen");
    const gateway = h.device("gateway");
    let hallSeq = 0;
    const s = screenOn(() => h.url, token, { probe: () => Promise.resolve(hallSeq) });
    cleanups.push(() => s.link.stop());
    await until(() => s.state !== undefined, "the snapshot");
    const opened = s.urls.length;
    // The hall reports an event the socket has not delivered (as if the socket had died silently).
    hallSeq = s.state!.seq + 1;
    await until(() => s.urls.length > opened, "the reconnect");
    expect(s.urls.at(-1)).toContain(`since=${s.state!.seq}`);
    // A real event now flows on the new socket.
    await h.api("POST", "/api/tickets", { itemCode: ENQUIRY }, gateway);
    await until(() => s.state!.seq >= hallSeq, "the event");
  });

  it("when a probe cannot reach the hall (the network is gone), then the link drops the socket and reconnects", async () => {
    const h = await hall();
    const token = h.device("screen");
    let reachable = true;
    const s = screenOn(() => h.url, token, { probe: () => Promise.resolve(reachable ? 0 : undefined) });
    cleanups.push(() => s.link.stop());
    await until(() => s.link.state === "live", "the link");
    await new Promise((r) => setTimeout(r, 400));
    // Reachable probes at or behind the socket's seq leave a live link alone.
    const opened = s.urls.length;
    expect(opened).toBe(1);
    reachable = false;
    await until(() => s.urls.length > opened, "the reconnect");
    reachable = true;
    await until(() => s.link.state === "live", "the link again");
    expect(s.urls.at(-1)).toContain(`since=${s.state!.seq}`);
  });
});
