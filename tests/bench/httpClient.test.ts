import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createJsonClient, type JsonClient } from "./httpClient.ts";

let server: Server | undefined;
let client: JsonClient | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  client?.close();
  client = undefined;
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

describe("createJsonClient", () => {
  it("when the server answers JSON, then status and body come back and the token and body were sent", async () => {
    const seen: { auth?: string; body: string }[] = [];
    const url = await serve((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ auth: req.headers.authorization, body });
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ ok: "是" }));
      });
    });
    client = createJsonClient(url, { maxSockets: 2 });
    const a = await client.post("/api/tickets", "tok", { itemCode: "X" });
    const b = await client.post("/api/tickets", "tok", { itemCode: "Y" });
    expect(a).toEqual({ status: 201, body: { ok: "是" } });
    expect(b.status).toBe(201);
    expect(seen).toEqual([
      { auth: "Bearer tok", body: '{"itemCode":"X"}' },
      { auth: "Bearer tok", body: '{"itemCode":"Y"}' },
    ]);
  });

  it("when connections are kept alive, then sequential requests reuse one socket", async () => {
    const sockets = new Set<unknown>();
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      req.resume();
      req.on("end", () => res.end("{}"));
    });
    client = createJsonClient(url, { maxSockets: 4 });
    for (let i = 0; i < 5; i++) await client.post("/", "t", {});
    expect(sockets.size).toBe(1);
  });

  it("when the answer is empty, then the body is undefined", async () => {
    const url = await serve((req, res) => (req.resume(), res.writeHead(204).end()));
    client = createJsonClient(url, { maxSockets: 1 });
    expect(await client.post("/", "t", {})).toEqual({ status: 204, body: undefined });
  });

  it("when the answer is not JSON, then the request rejects with the status and text", async () => {
    const url = await serve((req, res) => (req.resume(), res.writeHead(502).end("<html>bad gateway")));
    client = createJsonClient(url, { maxSockets: 1 });
    await expect(client.post("/x", "t", {})).rejects.toThrow(/non-JSON answer 502 to \/x: <html>bad gateway/);
  });

  it("when the answer is larger than 1 MiB, then the request rejects instead of buffering it", async () => {
    const url = await serve((req, res) => {
      req.resume();
      res.write(Buffer.alloc(1 << 20, 0x20));
      res.end(Buffer.alloc(1 << 16, 0x20));
    });
    client = createJsonClient(url, { maxSockets: 1 });
    await expect(client.post("/big", "t", {})).rejects.toThrow(/exceeds/);
  });

  it("when the server never answers, then the request rejects after the timeout", async () => {
    const url = await serve((req) => req.resume());
    client = createJsonClient(url, { maxSockets: 1, timeoutMs: 50 });
    await expect(client.post("/slow", "t", {})).rejects.toThrow(/no answer to \/slow within 50 ms/);
  });

  it("when nothing listens, then the request rejects with the connection error", async () => {
    const url = await serve(() => undefined);
    await new Promise((done) => server!.close(done));
    server = undefined;
    client = createJsonClient(url, { maxSockets: 1 });
    await expect(client.post("/", "t", {})).rejects.toThrow(/ECONNREFUSED/);
  });
});
