import { networkInterfaces } from "node:os";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { SHELL_FALLBACK_ORIGIN, type ParsedPageMessage } from "@onewindow/contract";
import { connectAgent } from "./agentClient.ts";
import { CLOSE_REFUSED, isLoopbackAddress, startPageServer, upgradeRefusal, type PageServer } from "./pageServer.ts";

const secret = "k".repeat(43);
const hallOrigin = "http://127.0.0.1:8080";
let server: PageServer | undefined;
const handled: ParsedPageMessage[] = [];

async function start(paired = true): Promise<string> {
  handled.length = 0;
  server = await startPageServer({
    port: 0,
    secret,
    allowedOrigins: new Set([hallOrigin, SHELL_FALLBACK_ORIGIN]),
    log: pino({ level: "silent" }),
    onMessage: (message, from) => {
      handled.push(message);
      if (message.type === "hello") from.send({ type: "welcome", station: "kiosk-1", devices: [] });
    },
    paired: () => paired,
    pair: (code) => Promise.resolve(`kiosk for ${code}`),
  });
  return `ws://127.0.0.1:${server.port}/`;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the page socket's guards", () => {
  it("when a page of the hall's origin connects with the secret, then it gets the challenge, then a welcome", async () => {
    const client = await connectAgent({ url: await start(), secret, origin: hallOrigin });
    expect((await client.next("welcome")).station).toBe("kiosk-1");
    expect(handled.map((m) => m.type)).toEqual(["hello"]);
    client.close();
  });

  it("when the shell's fallback page connects, then it is allowed too", async () => {
    const client = await connectAgent({ url: await start(), secret, origin: SHELL_FALLBACK_ORIGIN });
    await client.next("welcome");
    client.close();
  });

  it("when a page of another origin or with no Origin connects, then the upgrade is refused with 403", async () => {
    const url = await start();
    await expect(connectAgent({ url, secret, origin: "http://evil.example" })).rejects.toThrow("HTTP 403");
    await expect(connectAgent({ url, secret, origin: "http://127.0.0.1:8081" })).rejects.toThrow("HTTP 403");
    expect(handled).toEqual([]);
  });

  it("when the secret is wrong, then hello is refused as forged, the socket closes and nothing was handled", async () => {
    const client = await connectAgent({ url: await start(), secret: "x".repeat(43), origin: hallOrigin });
    const error = await client.next("error");
    expect(error.reason.code).toBe("forged");
    expect(await client.closed).toBe(CLOSE_REFUSED);
    expect(handled).toEqual([]);
  });

  it("when a frame is replayed on the socket, then the page hears why and the message is handled once", async () => {
    const client = await connectAgent({ url: await start(), secret, origin: hallOrigin });
    await client.next("welcome");
    const { sealPageMessage } = await import("@onewindow/contract");
    const frame = await sealPageMessage(secret, client.nonce, 2, { type: "status" });
    client.sendRaw(frame);
    client.sendRaw(frame);
    const error = await client.next("error");
    expect(error.reason).toMatchObject({ code: "replayed" });
    expect(error.reason.words.en).toContain("replayed");
    expect(handled.map((m) => m.type)).toEqual(["hello", "status"]);
    client.close();
  });

  it("when a frame is larger than the limit, then it is refused; far larger, the socket is closed (1009)", async () => {
    const client = await connectAgent({ url: await start(), secret, origin: hallOrigin });
    await client.next("welcome");
    client.sendRaw("y".repeat(10_000));
    expect((await client.next("error")).reason.code).toBe("too_large");
    client.sendRaw("z".repeat(200_000));
    expect(await client.closed).toBe(1009);
    expect(handled.map((m) => m.type)).toEqual(["hello"]);
  });

  it("when a forged message follows a good hello, then it is refused, the socket stays and nothing runs", async () => {
    const client = await connectAgent({ url: await start(), secret, origin: hallOrigin });
    await client.next("welcome");
    client.sendRaw(JSON.stringify({ seq: 2, mac: "A".repeat(43), payload: JSON.stringify({ type: "forgetCard" }) }));
    expect((await client.next("error")).reason.code).toBe("forged");
    await client.send({ type: "status" });
    await expect.poll(() => handled.map((m) => m.type)).toEqual(["hello", "status"]);
    client.close();
  });

  it("when the peer is not loopback, then the upgrade is refused; the server listens on 127.0.0.1 only", async () => {
    expect(
      upgradeRefusal({ remoteAddress: "192.168.1.20", origin: hallOrigin, path: "/agent" }, new Set([hallOrigin])),
    ).toEqual({
      status: 403,
      why: "not from this machine",
    });
    expect(isLoopbackAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("::ffff:10.0.0.1")).toBe(false);
    await start();
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (!lan) return; // no LAN address on this machine: the unit check above stands alone
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: lan.address, port: server!.port });
      socket.once("connect", () => (socket.destroy(), resolve(false)));
      socket.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

describe("the pairing page", () => {
  it("when unpaired, then / serves the keypad page; a post from another origin is refused, from itself it pairs", async () => {
    await start(false);
    const base = `http://127.0.0.1:${server!.port}`;
    const page = await fetch(base + "/");
    expect(await page.text()).toContain("配对");
    const post = (origin: string, body: unknown) =>
      fetch(base + "/pair", {
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("http://evil.example", { code: "12345678" })).status).toBe(403);
    const bad = await post(base, { code: "1234" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe("the pairing code is 8 digits");
    const good = await post(base, { code: "12345678" });
    expect(await good.json()).toEqual({ ok: true, message: "paired as kiosk for 12345678" });
  });
});
