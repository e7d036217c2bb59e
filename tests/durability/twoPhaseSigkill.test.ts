import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { call, prepareDemoHall, spawnHall, type DemoHall } from "../support/hallProcess.ts";

const ENQUIRY = "11441702007046212W200010100100";
const TIMEOUT_S = 15;
type Reserved = { ticket: { id: number; number: string; state: string } };
type Ledger = {
  prefixes: {
    prefix: string;
    last: number;
    missing: number[];
    entries: { number: string; ticketId: number; state: string; voided: { reason: string } | null }[];
  }[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Kill the hall-server with SIGKILL while kiosks reserve numbers and before they confirm the prints, restart it,
// and check every acknowledged reservation: still there, confirmable (then waiting) or voided by the sweep once its
// time is up; a retry of its requestKey answers the same ticket; every number of the day is in exactly one state.
describe("durability of the two-phase issue under SIGKILL", () => {
  let hall: DemoHall | undefined;
  afterAll(() => {
    if (hall) rmSync(hall.dir, { recursive: true, force: true });
  });

  it("when the server is killed between reserve and printed, then after restart each reservation is confirmed or voided, never lost, never duplicated", async () => {
    hall = await prepareDemoHall({
      rateLimits: { issue: { capacity: 100_000, refillPerSecond: 100_000 } },
      issue: { reservationTimeoutSeconds: TIMEOUT_S },
    });
    const kiosk = hall.tokens["kiosk-1"]!;
    const run = await spawnHall(["start", "--config", hall.configPath]);
    const reserved = new Map<string, Reserved["ticket"]>(); // requestKey -> the acknowledged reservation
    const unexpected: string[] = [];
    let stop = false;
    const reserver = async () => {
      while (!stop) {
        const requestKey = randomUUID();
        let res;
        try {
          res = await call<Reserved>(run.url, "POST", "/api/tickets/reservations", kiosk, {
            requestKey,
            issue: { itemCode: ENQUIRY },
          });
        } catch {
          return; // killed mid-request: this one may or may not be stored, and was never acknowledged
        }
        if (res.status !== 201) return void unexpected.push(`reserve: ${res.status} ${JSON.stringify(res.body)}`);
        reserved.set(requestKey, res.body.ticket);
      }
    };
    const workers = [reserver(), reserver(), reserver()];
    while (reserved.size < 60 && unexpected.length === 0) await sleep(5);
    run.child.kill("SIGKILL");
    await run.exited;
    stop = true;
    await Promise.all(workers);
    expect(unexpected).toEqual([]);
    const acked = [...reserved];
    expect(new Set(acked.map(([, t]) => t.number)).size, "acknowledged numbers are all different").toBe(acked.length);

    const again = await spawnHall(["start", "--config", hall.configPath]);
    try {
      const admin = await call<{ token: string }>(again.url, "POST", "/api/auth/login", undefined, {
        employeeNo: "GW001",
        password: "onewindow-admin",
      });
      expect(admin.status).toBe(200);
      // A retry of every acknowledged reservation answers the same ticket: nothing lost, nothing taken twice.
      for (const [requestKey, ticket] of acked) {
        const retry = await call<Reserved>(again.url, "POST", "/api/tickets/reservations", kiosk, {
          requestKey,
          issue: { itemCode: ENQUIRY },
        });
        expect(retry.status).toBe(201);
        expect(retry.body.ticket).toMatchObject({ id: ticket.id, number: ticket.number, state: "reserved" });
      }
      // Half of them printed after all: the kiosk confirms them now; the other half it never confirms.
      const confirmed = acked.filter((_, i) => i % 2 === 0).map(([, t]) => t);
      for (const t of confirmed) {
        const res = await call<Reserved>(again.url, "POST", `/api/tickets/${t.id}/printed`, kiosk, {});
        expect(res.status).toBe(200);
        expect(res.body.ticket.state).toBe("waiting");
      }
      const confirmedIds = new Set(confirmed.map((t) => t.id));

      // The sweep voids the rest once their time is up, on its own (no request touches them).
      const ledger = async () =>
        (await call<Ledger>(again.url, "GET", "/api/tickets/ledger", admin.body.token)).body.prefixes.find(
          (p) => p.prefix === "A",
        )!;
      let book = await ledger();
      for (let waited = 0; book.entries.some((e) => e.state === "reserved") && waited < 3 * TIMEOUT_S * 1000;) {
        await sleep(500);
        waited += 500;
        book = await ledger();
      }
      expect(book.missing, "numbers the counter passed that no ticket holds").toEqual([]);
      expect(book.entries.map((e) => e.number)).toEqual(
        Array.from({ length: book.last }, (_, i) => `A${String(i + 1).padStart(3, "0")}`),
      );
      for (const e of book.entries) {
        if (confirmedIds.has(e.ticketId)) expect(e.state, e.number).toBe("waiting");
        else {
          // Never confirmed (acknowledged or not before the kill): voided by the sweep, with the reason.
          expect(e.state, e.number).toBe("voided");
          expect(e.voided?.reason).toBe("unconfirmed_timeout");
        }
      }
      const ackedIds = new Set(acked.map(([, t]) => t.id));
      expect(book.entries.filter((e) => ackedIds.has(e.ticketId))).toHaveLength(acked.length);
      // A voided reservation is never confirmed afterwards.
      const voided = acked.find(([, t]) => !confirmedIds.has(t.id))![1];
      expect((await call(again.url, "POST", `/api/tickets/${voided.id}/printed`, kiosk, {})).status).toBe(409);
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  }, 180_000);
});
