// SIGTERM path in-process: stop() lets a request already received finish, then closes the database cleanly.
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { demoAdminPassword, startTestHall } from "./testing/testHall.ts";

describe("hall-server stop", () => {
  it("when stop() is called while a request is in flight, then that request is answered, and the database closes with its WAL checkpointed", async () => {
    const hall = await startTestHall();
    const { port } = new URL(hall.url);
    const body = JSON.stringify({ employeeNo: "GW001", password: demoAdminPassword });
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const ended = new Promise((done) => socket.once("close", done));
    // Headers and half the body: the server has the request and waits for the rest.
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await expect.poll(() => hall.server.inFlight()).toBe(1);
    const stopped = hall.server.stop();
    socket.write(body.slice(10));
    await stopped;
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('"token"');
    expect(existsSync(`${hall.server.ctx.config.dbPath}-wal`)).toBe(false);
  });
});
