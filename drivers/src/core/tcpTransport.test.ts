import { once } from "node:events";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "./errors.ts";
import { TcpTransport } from "./tcpTransport.ts";

describe("TcpTransport against a loopback server", () => {
  let server: Server | undefined;
  const peers: Socket[] = [];
  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
  });

  async function listen(): Promise<number> {
    server = createServer((socket) => peers.push(socket));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return (server.address() as AddressInfo).port;
  }

  it("when bytes go both ways, then each side receives them in order", async () => {
    const port = await listen();
    const transport = new TcpTransport({ host: "127.0.0.1", port });
    const accepted = once(server!, "connection") as Promise<[Socket]>;
    await transport.open();
    const [peer] = await accepted;
    const atPeer = once(peer, "data") as Promise<[Buffer]>;
    await transport.write(Uint8Array.of(0x10, 0x04, 0x01));
    expect([...(await atPeer)[0]]).toEqual([0x10, 0x04, 0x01]);
    const atHost = new Promise<Buffer>((resolve) => transport.on("data", resolve));
    peer.write(Buffer.of(0x12));
    expect([...(await atHost)]).toEqual([0x12]);
    expect(transport.isOpen).toBe(true);
    const closed = new Promise<{ disconnected: boolean }>((resolve) => transport.on("close", resolve));
    await transport.close();
    expect(await closed).toEqual({ disconnected: false });
    expect(transport.isOpen).toBe(false);
    await transport.close(); // idempotent
  });

  it("when the printer drops the connection, then close reports a disconnect and writes fail typed", async () => {
    const port = await listen();
    const transport = new TcpTransport({ host: "127.0.0.1", port });
    const accepted = once(server!, "connection") as Promise<[Socket]>;
    await transport.open();
    const [peer] = await accepted;
    const closed = new Promise<{ disconnected: boolean }>((resolve) => transport.on("close", resolve));
    peer.destroy();
    expect(await closed).toEqual({ disconnected: true });
    const error: unknown = await transport.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.NotOpen);
  });

  it("when nothing listens, then open rejects with OpenFailed", async () => {
    const port = await listen();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const error: unknown = await new TcpTransport({ host: "127.0.0.1", port }).open().catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.OpenFailed);
  });

  it("when the link closes and the server comes back, then the same transport opens again", async () => {
    const port = await listen();
    const transport = new TcpTransport({ host: "127.0.0.1", port });
    await transport.open();
    await transport.close();
    const accepted = once(server!, "connection") as Promise<[Socket]>;
    await transport.open();
    await accepted;
    expect(transport.isOpen).toBe(true);
    await transport.close();
  });
});
