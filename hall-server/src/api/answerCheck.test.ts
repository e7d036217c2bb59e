import type { AddressInfo } from "node:net";
import type { CreatedDevice, HallEvent, IssuedTicket, PairedDevice, TicketView } from "@onewindow/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import { createApp } from "./app.ts";
import { createHttpServer } from "./httpServer.ts";
import { BinaryAnswer, route } from "./route.ts";

const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询, served by windows 1-3

// The contract check the API tests rely on: a wrong answer, an undeclared error code or an off-contract event must
// fail a test, not pass quietly.
describe("the answer check of test halls", () => {
  let hall: TestHall;
  let url: string;
  let close: () => Promise<void>;
  const problems: string[] = [];
  beforeAll(async () => {
    hall = await startTestHall();
    const routes = [
      route({
        method: "get",
        path: "/wrong-answer",
        summary: "answers a field its schema does not have",
        answer: z.strictObject({ ok: z.literal(true) }),
        access: ["public"],
        // Typed as the schema, so only a cast gets a wrong answer past the compiler: the run-time check is the net.
        handle: () => ({ ok: true, idHash: "leak" }) as unknown as { ok: true },
      }),
      route({
        method: "get",
        path: "/undeclared-error",
        summary: "refuses with a code it does not declare",
        answer: z.strictObject({ ok: z.literal(true) }),
        access: ["public"],
        handle: () => {
          throw new AppError("cap_reached", "full");
        },
      }),
      route({
        method: "get",
        path: "/image/:type",
        summary: "answers an image of either type, naming it (or not)",
        answer: BinaryAnswer,
        produces: ["image/jpeg", "image/png"],
        access: ["public"],
        handle: ({ params }) => ({
          bytes: new Uint8Array([1, 2, 3]),
          headers: {},
          ...(params.type === "none" ? {} : { mediaType: params.type as "image/png" }),
        }),
      }),
      route({
        method: "get",
        path: "/declared-error",
        summary: "refuses with a code it declares",
        answer: z.strictObject({ ok: z.literal(true) }),
        errors: ["cap_reached"],
        access: ["public"],
        handle: () => {
          throw new AppError("cap_reached", "full");
        },
      }),
    ];
    const server = createHttpServer(
      createApp(hall.server.ctx, { routes, checkAnswers: (problem) => problems.push(problem) }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close();
    await hall.close();
  });

  it("when a route answers outside its answer schema, then the problem is reported and the client gets 500 internal", async () => {
    problems.length = 0;
    const res = await fetch(`${url}/wrong-answer`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("internal");
    expect(problems).toEqual([expect.stringContaining("GET /wrong-answer answered outside its schema")]);
    expect(problems[0]).toContain("idHash");
  });

  it("when a route producing two image types answers one, then it is sent as that type; naming none or another is a 500", async () => {
    problems.length = 0;
    const png = await fetch(`${url}/image/image%2Fpng`);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await png.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    expect(problems).toEqual([]);
    expect((await fetch(`${url}/image/none`)).status).toBe(500);
    expect((await fetch(`${url}/image/audio%2Fwav`)).status).toBe(500);
    expect(problems).toEqual([
      "GET /image/:type answered media type undefined, not one it produces",
      "GET /image/:type answered media type audio/wav, not one it produces",
    ]);
  });

  it("when a route answers an error code it does not declare, then the problem is reported; a declared one is not", async () => {
    problems.length = 0;
    expect((await fetch(`${url}/undeclared-error`)).status).toBe(409);
    expect((await fetch(`${url}/declared-error`)).status).toBe(409);
    expect(problems).toEqual([
      "GET /undeclared-error answered error code cap_reached, which its route does not declare",
    ]);
  });

  it("when the hall emits an event outside HallEvent, then closing the test hall fails naming it", async () => {
    const other = await startTestHall();
    // Cast: the bus is typed with HallEvent, so only a mistyped emitter could send this.
    const broken = { seq: 1, at: 0, type: "ticket.issued", data: { ticket: { id: 1 } } } as unknown as HallEvent;
    other.server.ctx.bus.emit("event", broken);
    expect(other.contractProblems).toEqual([expect.stringContaining("event outside HallEvent")]);
    await expect(other.close()).rejects.toThrow(/broke its API contract/);
  });
});

// Routes whose successful answer no other API test reaches over HTTP (their use cases are driven directly there):
// walked here once, so each route's answer schema is checked against a real answer at least once.
describe("answers no other API test reads", () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => hall.close());

  it("when an admin registers a kiosk and it pairs, reports health and staff cancel its ticket, then every answer is in its schema", async () => {
    const admin = await hall.login("GW001");
    const created = await hall.api<CreatedDevice>("POST", "/api/devices", { name: "kiosk-b", kind: "kiosk" }, admin);
    expect(created.status).toBe(201);
    const paired = await hall.api<PairedDevice>("POST", "/api/devices/pair", { code: created.body.pairingCode });
    expect(paired.status).toBe(200);
    expect(paired.body.device.paired).toBe(true);
    const kiosk = paired.body.token;
    const health = { devices: [{ name: "printer", state: "degraded", reason: "paper near end" }] };
    expect(await hall.api("POST", "/api/devices/self/health", health, kiosk)).toEqual({
      status: 200,
      body: { ok: true },
    });
    const issued = await hall.takeAtKiosk<IssuedTicket>(kiosk, { issue: { itemCode: ENQUIRY } });
    const staff = await hall.login("GW005", 1);
    const cancelled = await hall.api<TicketView>("POST", `/api/tickets/${issued.body.ticket.id}/cancel`, {}, staff);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe("cancelled");
    expect(hall.contractProblems).toEqual([]);
  });
});
