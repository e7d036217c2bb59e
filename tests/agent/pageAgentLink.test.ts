/**
 * The station pages' agent link (web-build/src/page/agentLink.ts, shared by the kiosk page and the counter's pages)
 * against the station agent's real loopback page server: hello with the page's name, sends refused until the
 * welcome, concurrent sends in order, and reconnecting by itself when the agent comes back on its port.
 */
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { WebSocket } from "ws";
import type { AgentMessage, ParsedPageMessage } from "@onewindow/contract";
import { linkAgent, type AgentLink, type PageSocket } from "../../web-build/src/page/agentLink.ts";
import { startPageServer, type PageServer } from "../../station-agent/src/page/pageServer.ts";

const secret = "s".repeat(43);
const origin = "http://127.0.0.1:8080";
let server: PageServer | undefined;
let link: AgentLink | undefined;

afterEach(async () => {
  link?.close();
  await server?.close();
  server = link = undefined;
});

/** A page server that answers hello with a welcome and records every message it handled. */
async function agentOn(port: number, handled: ParsedPageMessage[]): Promise<PageServer> {
  return startPageServer({
    port,
    secret,
    allowedOrigins: new Set([origin]),
    log: pino({ level: "silent" }),
    onMessage: (message, from) => {
      handled.push(message);
      if (message.type === "hello") from.send({ type: "welcome", station: "counter-2", devices: [] });
    },
    paired: () => true,
    pair: () => Promise.reject(new Error("not in this test")),
  });
}

/** Link as a page of `origin` would, recording what the link reports. */
function pageLink(port: number, page: string) {
  const opens: boolean[] = [];
  const received: AgentMessage[] = [];
  link = linkAgent(
    { url: `ws://127.0.0.1:${port}/`, secret },
    {
      page,
      retryMs: 50,
      onOpen: (open) => opens.push(open),
      onMessage: (message) => received.push(message),
      connect: (url) => new WebSocket(url, { origin }) as unknown as PageSocket,
    },
  );
  return { opens, received, link };
}

describe("the station pages' agent link", () => {
  it("when the agent challenges, then the page says hello with its name and opens at the welcome; before it, sends answer false", async () => {
    const handled: ParsedPageMessage[] = [];
    server = await agentOn(0, handled);
    const page = pageLink(server.port, "counter");
    expect(await page.link.send({ type: "status" })).toBe(false);
    await expect.poll(() => page.opens).toEqual([true]);
    expect(handled).toEqual([{ type: "hello", page: "counter" }]);
    expect(page.received.map((m) => m.type)).toEqual(["welcome"]);
  });

  it("when many messages are sent at once, then the agent gets every one in call order and refuses none", async () => {
    const handled: ParsedPageMessage[] = [];
    server = await agentOn(0, handled);
    const page = pageLink(server.port, "counter");
    await expect.poll(() => page.opens).toEqual([true]);
    const codes = Array.from({ length: 30 }, (_, i) => `ITEM${i}`);
    const sent = await Promise.all(
      codes.map((itemCode) => page.link.send({ type: "take", requestId: crypto.randomUUID(), itemCode })),
    );
    expect(sent.every(Boolean)).toBe(true);
    await expect.poll(() => handled.length).toBe(codes.length + 1);
    expect(handled.slice(1).map((m) => (m.type === "take" ? m.itemCode : m.type))).toEqual(codes);
    expect(page.received.filter((m) => m.type === "error")).toEqual([]);
  });

  it("when the agent stops, then the link reports it closed and sends answer false; when it is back, the link reopens by itself", async () => {
    const handled: ParsedPageMessage[] = [];
    server = await agentOn(0, handled);
    const port = server.port;
    const page = pageLink(port, "window");
    await expect.poll(() => page.opens).toEqual([true]);
    await server.close();
    server = undefined;
    await expect.poll(() => page.opens.at(-1)).toBe(false);
    expect(await page.link.send({ type: "status" })).toBe(false);
    server = await agentOn(port, handled);
    await expect.poll(() => page.opens.at(-1), { timeout: 10_000 }).toBe(true);
    expect(handled.filter((m) => m.type === "hello")).toEqual([
      { type: "hello", page: "window" },
      { type: "hello", page: "window" },
    ]);
    expect(await page.link.send({ type: "status" })).toBe(true);
    await expect.poll(() => handled.at(-1)).toEqual({ type: "status" });
  });
});
