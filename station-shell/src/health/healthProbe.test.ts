import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { probeHealth } from "./healthProbe.ts";

const servers: Server[] = [];

/** A loopback server answering every request with `status`, or never when status is "silent". */
async function serve(status: number | "silent"): Promise<string> {
  const server = createServer((_request, response) => {
    if (status === "silent") return;
    response.writeHead(status, { "content-type": "application/json" }).end('{"ok":true}');
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

describe("the hall-server health probe", () => {
  it("when /health answers 200, then the server answered", async () => {
    expect(await probeHealth(await serve(200), 2000)).toBe(true);
  });

  it("when /health is rate limited (429), then the server still answered", async () => {
    expect(await probeHealth(await serve(429), 2000)).toBe(true);
  });

  it("when a proxy answers 502 for a hall-server that is down, then it did not answer", async () => {
    expect(await probeHealth(await serve(502), 2000)).toBe(false);
  });

  it("when nothing listens on the port, then it did not answer", async () => {
    const url = await serve(200);
    const server = servers.pop()!;
    await new Promise((done) => server.close(done));
    expect(await probeHealth(url, 2000)).toBe(false);
  });

  it("when the server accepts but never answers, then the probe gives up after its timeout", async () => {
    expect(await probeHealth(await serve("silent"), 200)).toBe(false);
  });
});
