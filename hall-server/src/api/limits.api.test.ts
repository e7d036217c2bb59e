// Rate limits and the sign-in lockout over real HTTP. Two source addresses on the loopback network (127.0.0.1 and
// 127.0.0.2) stand for two machines in the hall. Default limits throughout: these are the limits a hall runs with.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoAdminPassword, demoStaffPin, startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";
const GUESSER = "127.0.0.2";

type Issued = { ticket: { publicToken: string } };
type ApiError = { error: { code: string; message: string } };

describe("rate limits apply whatever token is presented", () => {
  let hall: TestHall;
  beforeEach(async () => (hall = await startTestHall()));
  afterEach(async () => hall.close());

  it("when a staff token is presented, then 100 pairing guesses from one source still end in 429 with Retry-After", async () => {
    const admin = await hall.login("GW001");
    const from = hall.apiFrom(GUESSER);
    const answers = [];
    for (let i = 0; i < 100; i++)
      answers.push(await from("POST", "/api/devices/pair", { code: String(10_000_000 + i) }, admin));
    expect(answers.slice(0, 5).map((a) => a.status)).not.toContain(429);
    expect(answers.at(-1)!.status).toBe(429);
    expect(Number(answers.at(-1)!.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it("when a staff token is presented, then 100 sign-in attempts from one source still end in 429", async () => {
    const supervisor = await hall.login("GW002");
    const from = hall.apiFrom(GUESSER);
    const statuses = [];
    // A different (unknown) account each time: the lockout never engages, only the per-source limit can refuse.
    for (let i = 0; i < 100; i++)
      statuses.push(
        (await from("POST", "/api/auth/login", { employeeNo: `XX${1000 + i}`, pin: "000000" }, supervisor)).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it("when 40 phones behind one address each follow their own ticket, then none is limited; one ticket polled 100 times is, even with a staff token", async () => {
    const kiosks = [hall.device("kiosk"), hall.device("kiosk")];
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) {
      const issued = await hall.takeAtKiosk<Issued>(kiosks[i % 2]!, { issue: { itemCode: ENQUIRY } });
      expect(issued.status).toBe(201);
      tokens.push(issued.body.ticket.publicToken);
    }
    const phones = hall.apiFrom(GUESSER);
    const first = [];
    for (const token of tokens) first.push((await phones("GET", `/api/public/tickets/${token}`)).status);
    expect(first).toEqual(tokens.map(() => 200));

    const admin = await hall.login("GW001");
    const polls = [];
    for (let i = 0; i < 100; i++)
      polls.push((await phones("GET", `/api/public/tickets/${tokens[0]}`, undefined, admin)).status);
    expect(polls.at(-1)).toBe(429);
    // Another ticket's bucket is its own.
    expect((await phones("GET", `/api/public/tickets/${tokens[1]}`)).status).toBe(200);
  });
});

describe("no unauthenticated caller can lock a person out", () => {
  let hall: TestHall;
  beforeEach(async () => (hall = await startTestHall()));
  afterEach(async () => hall.close());

  const wrongAdminPasswords = async (n: number) => {
    const guesser = hall.apiFrom(GUESSER);
    const statuses = [];
    for (let i = 0; i < n; i++)
      statuses.push((await guesser("POST", "/api/auth/login", { employeeNo: "GW001", password: `wrong-${i}` })).status);
    return statuses;
  };

  it("when an unauthenticated caller sends five wrong passwords for the admin, then the admin still signs in from another source", async () => {
    expect(await wrongAdminPasswords(5)).toEqual([401, 401, 401, 401, 401]);
    const res = await hall.api<{ token: string }>("POST", "/api/auth/login", {
      employeeNo: "GW001",
      password: demoAdminPassword,
    });
    expect(res.status).toBe(200);
  });

  it("when a source keeps guessing, then that source is refused even with the right password, and the refusal survives a restart", async () => {
    expect(await wrongAdminPasswords(6)).toEqual([401, 401, 401, 401, 401, 429]);
    const right = { employeeNo: "GW001", password: demoAdminPassword };
    const locked = await hall.apiFrom(GUESSER)<ApiError>("POST", "/api/auth/login", right);
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/locked/);

    // Failures are kept in the database: a hall-server started again on the same files still refuses that source.
    const dir = mkdtempSync(join(tmpdir(), "onewindow-restart-"));
    try {
      const first = await startTestHall({ dir });
      const guesser = first.apiFrom(GUESSER);
      for (let i = 0; i < 5; i++) await guesser("POST", "/api/auth/login", { employeeNo: "GW001", password: "wrong" });
      await first.close();
      const again = await startTestHall({ dir });
      try {
        expect((await again.apiFrom(GUESSER)("POST", "/api/auth/login", right)).status).toBe(429);
        expect((await again.api("POST", "/api/auth/login", right)).status).toBe(200);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("when a supervisor unlocks an account, then the locked source may sign in again, and staff.unlocked and an audit row say who did it", async () => {
    const guesser = hall.apiFrom(GUESSER);
    for (let i = 0; i < 5; i++)
      await guesser("POST", "/api/auth/login", { employeeNo: "GW006", windowNumber: 6, pin: "000000" });
    const supervisor = await hall.login("GW002");
    const list = await hall.api<{ lockouts: { employeeNo: string; source: string; failures: number }[] }>(
      "GET",
      "/api/staff/lockouts",
      undefined,
      supervisor,
    );
    expect(list.status).toBe(200);
    expect(list.body.lockouts).toMatchObject([{ employeeNo: "GW006", failures: 5 }]);
    expect(list.body.lockouts[0]!.source).toContain(GUESSER);

    const seq = hall.server.ctx.events.lastSeq();
    const res = await hall.api("POST", "/api/staff/GW006/unlock", {}, supervisor);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ employeeNo: "GW006", cleared: 1 });
    expect(hall.server.ctx.events.since(seq, 10)).toMatchObject([
      { type: "staff.unlocked", data: { staff: { employeeNo: "GW006" }, by: { employeeNo: "GW002" }, sources: 1 } },
    ]);
    const supervisorId = hall.server.ctx.catalog.staffByNo.get("GW002")!.id;
    expect(hall.server.ctx.db.prepare("SELECT actor, detail FROM audit WHERE action = 'unlock_sign_in'").all()).toEqual(
      [{ actor: `staff:${supervisorId}`, detail: JSON.stringify({ employeeNo: "GW006", sources: 1 }) }],
    );
    // Unlocking again changes nothing and appends nothing.
    const after = hall.server.ctx.events.lastSeq();
    expect((await hall.api("POST", "/api/staff/GW006/unlock", {}, supervisor)).body).toEqual({
      employeeNo: "GW006",
      cleared: 0,
    });
    expect(hall.server.ctx.events.lastSeq()).toBe(after);

    const counter = hall.device("counter", 6);
    const signIn = await guesser(
      "POST",
      "/api/auth/login",
      { employeeNo: "GW006", windowNumber: 6, pin: demoStaffPin },
      counter,
    );
    expect(signIn.status).toBe(200);
  });

  it("when nobody is locked and a supervisor unlocks an unknown employee, then 404 names the number", async () => {
    const supervisor = await hall.login("GW002");
    const res = await hall.api<ApiError>("POST", "/api/staff/NOBODY/unlock", {}, supervisor);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("NOBODY");
  });
});
