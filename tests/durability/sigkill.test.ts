import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { call, prepareDemoHall, spawnHall, type DemoHall } from "../support/hallProcess.ts";

const ENQUIRY = "11441702007046212W200010100100"; // served at windows 1-3
type Issued = { ticket: { id: number; number: string; state: string } };

// Kill the server with SIGKILL in the middle of a load of ticket issues and calls, restart it, and check that every
// acknowledged ticket and call is there, and that numbering continues without reuse.
describe("durability under SIGKILL", () => {
  let hall: DemoHall | undefined;
  afterAll(() => {
    if (hall) rmSync(hall.dir, { recursive: true, force: true });
  });

  it("when the server is killed mid-load, then no acknowledged ticket or call is lost after restart", async () => {
    hall = await prepareDemoHall({ kioskRateLimit: { capacity: 100_000, refillPerSecond: 100_000 } });
    const run = await spawnHall(["start", "--config", hall.configPath]);
    const kiosk = hall.tokens["kiosk-1"]!;
    const login = await call<{ token: string }>(run.url, "POST", "/api/auth/login", hall.tokens["counter-1"], {
      employeeNo: "GW005",
      pin: "123456",
      windowNumber: 1,
    });
    expect(login.status).toBe(200);
    const staff = login.body.token;

    const issued = new Map<number, string>();
    const called = new Set<number>();
    let stop = false;
    const issuer = async () => {
      while (!stop) {
        try {
          const res = await call<Issued>(run.url, "POST", "/api/tickets", kiosk, { itemCode: ENQUIRY });
          if (res.status === 201) issued.set(res.body.ticket.id, res.body.ticket.number);
        } catch {
          return; // the server died mid-request: that request was never acknowledged
        }
      }
    };
    const caller = async () => {
      while (!stop) {
        try {
          const res = await call<{ id: number }>(run.url, "POST", "/api/counter/call-next", staff, {});
          if (res.status === 200) {
            called.add(res.body.id);
            await call(run.url, "POST", "/api/counter/finish", staff, {});
          }
        } catch {
          return;
        }
      }
    };
    const workers = [issuer(), issuer(), issuer(), issuer(), caller()];
    while (issued.size < 300) await new Promise((r) => setTimeout(r, 5));
    run.child.kill("SIGKILL");
    await run.exited;
    stop = true;
    await Promise.all(workers);
    expect(called.size).toBeGreaterThan(0);

    const again = await spawnHall(["start", "--config", hall.configPath]);
    try {
      const lost: number[] = [];
      for (const [id, number] of issued) {
        const res = await call<{ ticket: { number: string; state: string } }>(
          again.url,
          "GET",
          `/api/tickets/${id}`,
          kiosk,
        );
        if (res.status !== 200 || res.body.ticket.number !== number) lost.push(id);
        else if (called.has(id) && res.body.ticket.state === "waiting") lost.push(id);
      }
      expect(lost).toEqual([]);
      const next = await call<Issued>(again.url, "POST", "/api/tickets", kiosk, { itemCode: ENQUIRY });
      const maxAcked = Math.max(...[...issued.values()].map((n) => Number(n.slice(1))));
      expect(Number(next.body.ticket.number.slice(1))).toBeGreaterThan(maxAcked);
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  }, 120_000);
});
