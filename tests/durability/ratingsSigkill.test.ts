import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call, prepareDemoHall, signInDemoStaff, spawnHall, type DemoHall } from "../support/hallProcess.ts";

const ENQUIRY = "11441702007046212W200010100100"; // served at windows 1-3
type Refusal = { error?: { code: string; message: string } };
type Submitted = { ratings: { id: number; level: number }[] };

// Acknowledged ratings needed before the kill (reached by work, not by time: a slow machine only makes it slower).
const ENOUGH_RATINGS = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Kill the hall-server with SIGKILL while three windows finish services and their counters submit ratings (every
// fifth a bad review, which opens a case), restart it, and check the outbox against the changes: every service
// record, rating and case has its outbox row and every outbox row its change, in order; acknowledged ratings are
// all there, and a retry of one answers the same ratings.
describe("ratings and their outbox under SIGKILL", () => {
  let hall: DemoHall | undefined;
  afterAll(() => {
    if (hall) rmSync(hall.dir, { recursive: true, force: true });
  });

  it("when the server is killed between finishes and ratings, then no change is ever without its outbox row, nor a row without its change", async () => {
    hall = await prepareDemoHall({ rateLimits: { issue: { capacity: 100_000, refillPerSecond: 100_000 } } });
    const run = await spawnHall(["start", "--config", hall.configPath]);
    const issuerToken = hall.tokens["online-hall"]!;
    const staff = await signInDemoStaff(hall, run.url);
    const acked = new Map<
      number,
      { ticketId: number; window: number; requestKey: string; level: number; ids: number[] }
    >();
    const unexpected: string[] = [];
    let stop = false;

    const post = async <T>(path: string, token: string, body: unknown = {}) => {
      try {
        return await call<T & Refusal>(run.url, "POST", path, token, body);
      } catch {
        return undefined; // killed mid-request: never acknowledged
      }
    };
    const ok = (path: string, res: { status: number; body: Refusal } | undefined, expected = 200) => {
      if (res === undefined) return false;
      if (res.status === expected) return true;
      unexpected.push(`${path}: ${res.status} ${res.body.error?.code ?? ""} ${res.body.error?.message ?? ""}`);
      return false;
    };

    // One window: take a ticket for it, call, start, finish, and have the window's counter submit the rating.
    const window = async (staffToken: string, windowNumber: number) => {
      const counter = hall!.tokens[`counter-${windowNumber}`]!;
      for (let n = 0; !stop; n++) {
        if (!ok("issue", await post("/api/tickets", issuerToken, { itemCode: ENQUIRY }), 201)) return;
        const called = await post<{ id: number }>("/api/counter/call-next", staffToken);
        if (!ok("call-next", called)) return;
        if (!ok("start", await post("/api/counter/start", staffToken))) return;
        if (!ok("finish", await post("/api/counter/finish", staffToken))) return;
        const level = n % 5 === 0 ? 1 : 1 + (n % 5);
        const requestKey = randomUUID();
        const rated = await post<Submitted>("/api/ratings", counter, { ticketId: called!.body.id, level, requestKey });
        if (!ok("rate", rated, 201)) return;
        acked.set(called!.body.id, {
          ticketId: called!.body.id,
          window: windowNumber,
          requestKey,
          level,
          ids: rated!.body.ratings.map((r) => r.id),
        });
      }
    };
    const workers = staff.map((token, i) => window(token, i + 1));
    while (acked.size < ENOUGH_RATINGS && unexpected.length === 0) await sleep(5);
    run.child.kill("SIGKILL");
    await run.exited;
    stop = true;
    await Promise.all(workers);
    expect(unexpected).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(ENOUGH_RATINGS);

    const again = await spawnHall(["start", "--config", hall.configPath]);
    try {
      // A retry of an acknowledged rating (its answer lost, say) from its window's counter answers the same
      // ratings: nothing stored twice. Another window's counter is refused.
      for (const a of [...acked.values()].slice(0, 10)) {
        const body = { ticketId: a.ticketId, level: a.level, requestKey: a.requestKey };
        const retry = await call<Submitted>(
          again.url,
          "POST",
          "/api/ratings",
          hall.tokens[`counter-${a.window}`],
          body,
        );
        expect(retry.status).toBe(201);
        expect(retry.body.ratings.map((r) => r.id)).toEqual(a.ids);
        const other = `counter-${(a.window % 3) + 1}`;
        expect((await call(again.url, "POST", "/api/ratings", hall.tokens[other], body)).status).toBe(403);
      }
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }

    const config = JSON.parse(readFileSync(hall.configPath, "utf8")) as { dataDir?: string };
    const db = new Database(resolve(dirname(hall.configPath), config.dataDir ?? "data", "hall.db"), {
      readonly: true,
    });
    try {
      const ids = (sql: string) => (db.prepare(sql).all() as { id: number }[]).map((r) => r.id).sort((a, b) => a - b);
      const outboxOf = (kind: string, change: string) =>
        ids(`SELECT entity_id AS id FROM outbox WHERE kind = '${kind}' AND change = '${change}'`);
      expect(ids("SELECT id FROM service_records").length).toBeGreaterThanOrEqual(ENOUGH_RATINGS);
      expect(outboxOf("service_record", "created")).toEqual(ids("SELECT id FROM service_records"));
      expect(outboxOf("rating", "created")).toEqual(ids("SELECT id FROM ratings"));
      expect(outboxOf("review_case", "opened")).toEqual(ids("SELECT id FROM review_cases"));
      expect(ids("SELECT id FROM review_cases").length).toBeGreaterThan(0);
      // Every acknowledged rating is there, at its level, once.
      const stored = new Map(
        (db.prepare("SELECT id, level FROM ratings").all() as { id: number; level: number }[]).map((r) => [
          r.id,
          r.level,
        ]),
      );
      for (const a of acked.values()) for (const id of a.ids) expect(stored.get(id), `rating ${id}`).toBe(a.level);
      // In order: each rating's outbox row after its service record's, each case's after its rating's.
      const late = db
        .prepare(
          `SELECT r.id FROM ratings r
             JOIN outbox orr ON orr.kind = 'rating' AND orr.entity_id = r.id
             JOIN outbox osr ON osr.kind = 'service_record' AND osr.entity_id = r.service_record_id
           WHERE orr.seq < osr.seq
           UNION ALL
           SELECT c.id FROM review_cases c
             JOIN outbox oc ON oc.kind = 'review_case' AND oc.entity_id = c.id
             JOIN outbox orr ON orr.kind = 'rating' AND orr.entity_id = c.rating_id
           WHERE oc.seq < orr.seq`,
        )
        .all();
      expect(late).toEqual([]);
    } finally {
      db.close();
    }
  }, 240_000);
});
