import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { call, prepareDemoHall, signInDemoStaff, spawnHall, type DemoHall } from "../support/hallProcess.ts";
import { CallLedger } from "./callLedger.ts";

const ENQUIRY = "11441702007046212W200010100100"; // served at windows 1-3
type Issued = { ticket: { id: number; number: string; state: string } };
type Refusal = { error?: { code: string; message: string } };

// How much acknowledged work must be in before the kill, so the check after restart has something to catch.
// The load runs until these are reached (not for a time), so a slow machine only makes the test slower.
const ENOUGH = { issued: 300, call: 30, start: 20, finish: 20, recall: 2, noShow: 2 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const numberOf = (ticketNumber: string) => Number(ticketNumber.slice(1));

// Kill the server with SIGKILL in the middle of a load of ticket issues and counter work (call, recall, start,
// finish, no-show at three windows), restart it, and check that every acknowledged ticket and change is there,
// and that numbering continues without reuse.
describe("durability under SIGKILL", () => {
  let hall: DemoHall | undefined;
  afterAll(() => {
    if (hall) rmSync(hall.dir, { recursive: true, force: true });
  });

  it("when the server is killed mid-load, then no acknowledged ticket or counter action is lost after restart", async () => {
    hall = await prepareDemoHall({ rateLimits: { issue: { capacity: 100_000, refillPerSecond: 100_000 } } });
    const run = await spawnHall(["start", "--config", hall.configPath]);
    // One-phase issue (the online hall): kiosks issue in two phases (twoPhaseSigkill.test.ts kills those).
    const issuerToken = hall.tokens["online-hall"]!;
    // Reading tickets back by id is for counters and staff (kiosks use the public token page).
    const reader = hall.tokens["counter-1"]!;
    const staff = await signInDemoStaff(hall, run.url);

    const issued = new Map<number, string>();
    const ledger = new CallLedger();
    const unexpected: string[] = []; // refusals while the server was up: each one is a bug in the server or here
    const live = { issuers: 0, counters: 0 };
    let stop = false;

    /** POST as `token`; undefined when the connection failed, i.e. the server was killed mid-request. */
    const post = async <T>(path: string, token: string, body: unknown = {}) => {
      try {
        return await call<T & Refusal>(run.url, "POST", path, token, body);
      } catch {
        return undefined;
      }
    };
    /** Whether `res` is the expected success; anything else is noted and ends the worker. */
    const ok = (path: string, res: { status: number; body: Refusal } | undefined, expected = 200) => {
      if (res === undefined) return false;
      if (res.status === expected) return true;
      unexpected.push(`${path}: ${res.status} ${res.body.error?.code ?? ""} ${res.body.error?.message ?? ""}`);
      return false;
    };

    const issuer = async () => {
      live.issuers++;
      while (!stop) {
        const res = await post<Issued>("/api/tickets", issuerToken, { itemCode: ENQUIRY });
        if (!ok("issue", res, 201)) break;
        issued.set(res!.body.ticket.id, res!.body.ticket.number);
      }
      live.issuers--;
    };
    // One window's script, varied by a counter: call-next, sometimes a recall, then start and finish, or a no-show.
    const counter = async (token: string) => {
      live.counters++;
      for (let n = 0; !stop; n++) {
        const next = await post<{ id: number }>("/api/counter/call-next", token);
        if (next?.status === 404) {
          await sleep(5); // nobody waiting just now; the issuers are ahead almost always
          continue;
        }
        if (!ok("call-next", next)) break;
        const id = next!.body.id;
        ledger.ack(id, "call", "called");
        if (n % 4 === 1) {
          const recalled = await post<{ noShow: boolean }>("/api/counter/recall", token);
          if (!ok("recall", recalled)) break;
          ledger.ack(id, "recall", recalled!.body.noShow ? "no_show" : "called");
          if (recalled!.body.noShow) continue;
        }
        if (n % 6 === 3) {
          if (!ok("no-show", await post("/api/counter/no-show", token))) break;
          ledger.ack(id, "noShow", "no_show");
          continue;
        }
        if (!ok("start", await post("/api/counter/start", token))) break;
        ledger.ack(id, "start", "serving");
        if (!ok("finish", await post("/api/counter/finish", token))) break;
        ledger.ack(id, "finish", "done");
      }
      live.counters--;
    };

    const workers = [issuer(), issuer(), issuer(), issuer(), ...staff.map(counter)];
    const enough = () =>
      issued.size >= ENOUGH.issued &&
      (["call", "start", "finish", "recall", "noShow"] as const).every((a) => ledger.acked[a].size >= ENOUGH[a]);
    // Wait for the work, not for a time; give up early if a worker stopped (its reason is in `unexpected`).
    while (!enough() && unexpected.length === 0 && live.issuers === 4 && live.counters === staff.length) await sleep(5);
    run.child.kill("SIGKILL");
    await run.exited;
    stop = true;
    await Promise.all(workers);

    expect(unexpected).toEqual([]);
    expect(issued.size).toBeGreaterThanOrEqual(ENOUGH.issued);
    for (const action of ["call", "start", "finish", "recall", "noShow"] as const)
      expect(ledger.acked[action].size, `acknowledged ${action}s`).toBeGreaterThanOrEqual(ENOUGH[action]);
    const ackedNumbers = [...issued.values()];
    expect(new Set(ackedNumbers).size, "acknowledged numbers are all different").toBe(ackedNumbers.length);

    const again = await spawnHall(["start", "--config", hall.configPath]);
    try {
      const found = new Map<number, { number: string; state: string } | undefined>();
      const ids = [...new Set([...issued.keys(), ...ledger.tickets()])];
      // A few requests at a time: thousands at once would only queue up in the client.
      for (let i = 0; i < ids.length; i += 16)
        await Promise.all(
          ids.slice(i, i + 16).map(async (id) => {
            const res = await call<Issued>(again.url, "GET", `/api/tickets/${id}`, reader);
            found.set(id, res.status === 200 ? res.body.ticket : undefined);
          }),
        );
      const lostIssues = [...issued].filter(([id, number]) => found.get(id)?.number !== number).map(([id]) => id);
      expect(lostIssues).toEqual([]);
      const states = new Map([...found].map(([id, t]) => [id, t?.state]));
      expect(ledger.problems(states)).toEqual([]);

      const maxAcked = Math.max(...ackedNumbers.map(numberOf));
      for (let i = 0; i < 3; i++) {
        const next = await call<Issued>(again.url, "POST", "/api/tickets", issuerToken, { itemCode: ENQUIRY });
        expect(next.status).toBe(201);
        expect(numberOf(next.body.ticket.number)).toBeGreaterThan(maxAcked);
      }
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  }, 180_000);
});
