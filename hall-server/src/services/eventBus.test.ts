import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HallEvent } from "@onewindow/contract";
import { createLogger } from "../security/index.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";

describe("bus subscribers are isolated from the commit that published", () => {
  let hall: TestHall;
  let lines: string[];
  let heard: string[];
  beforeEach(async () => {
    lines = [];
    heard = [];
    hall = await startTestHall({
      log: createLogger({ level: "error", destination: { write: (l) => void lines.push(l) } }),
    });
    // First in line, so a throw here would skip every later subscriber (the WebSocket hub, the operator log).
    hall.server.ctx.bus.prependListener("event", () => {
      throw new Error("subscriber broke: disk full");
    });
    hall.server.ctx.bus.on("event", (e: HallEvent) => void heard.push(e.type));
  });
  afterEach(async () => hall.close());

  it("when a subscriber throws after a group commit, then the change is answered, later subscribers hear it, and the cause is logged", async () => {
    const gateway = hall.device("gateway");
    heard.length = 0;
    const res = await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, gateway);
    expect(res.status).toBe(201);
    expect(heard).toEqual(["ticket.issued"]);
    expect(lines.some((l) => l.includes("bus subscriber failed") && l.includes("disk full"))).toBe(true);
    expect((await hall.api("GET", "/health")).status).toBe(200);
  });

  it("when a subscriber throws after a single commit, then the request is not turned into a 500", async () => {
    const staff = await hall.login("GW005", 3);
    heard.length = 0;
    const res = await hall.api("POST", "/api/auth/logout", {}, staff);
    expect(res.status).toBe(200);
    expect(heard).toEqual(["staff.signed_out"]);
    expect(lines.some((l) => l.includes("bus subscriber failed"))).toBe(true);
  });

  it("when a subscriber's promise rejects, then the rejection is logged, not left unhandled", async () => {
    // A subscriber written as async by mistake: the types say void, the bus must still catch its rejection.
    const careless = (() => Promise.reject(new Error("async subscriber broke"))) as unknown as () => void;
    hall.server.ctx.bus.on("event", careless);
    await hall.takeAtKiosk(hall.device("kiosk"), { issue: { itemCode: ENQUIRY } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.some((l) => l.includes("async subscriber broke"))).toBe(true);
  });
});
