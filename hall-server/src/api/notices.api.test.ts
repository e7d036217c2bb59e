import type { HallEvent, HallSnapshot, Notice, NoticeList } from "@onewindow/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

type ApiError = { error: { code: string; message: string } };

describe("scrolling notices over real HTTP", () => {
  let hall: TestHall;
  let supervisor: string;
  let screen: string;
  const noticeRows = () => hall.server.ctx.db.prepare("SELECT count(*) AS n FROM notices").get();
  const events = (type: HallEvent["type"]) => hall.server.ctx.events.since(0, 10_000).filter((e) => e.type === type);
  const listed = async () => (await hall.api<NoticeList>("GET", "/api/notices", undefined, screen)).body.notices;
  const publish = (body: unknown, token = supervisor) =>
    hall.api<Notice & ApiError>("POST", "/api/notices", body, token);

  beforeEach(async () => {
    hall = await startTestHall();
    supervisor = await hall.login("GW002");
    screen = hall.device("screen");
  });
  afterEach(async () => hall.close());

  it("when a supervisor publishes a notice, then screens list it, the snapshot carries it and notice.published says so", async () => {
    const res = await publish({ text: "  今日下午 14:00 起暂停办理不动产业务  " });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: res.body.id,
      text: "今日下午 14:00 起暂停办理不动产业务",
      publishedAt: hall.clock.now,
      expiresAt: null,
      by: { employeeNo: "GW002", name: expect.any(String) as string },
    });
    expect(await listed()).toEqual([res.body]);
    const snapshot = await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, screen);
    expect(snapshot.body.notices).toEqual([res.body]);
    expect(events("notice.published").map((e) => e.data)).toEqual([{ notice: res.body }]);
  });

  it("when a notice of 10,000 characters is sent, then it is refused naming the 300-character limit and nothing is stored", async () => {
    const seq = hall.server.ctx.events.lastSeq();
    const res = await publish({ text: "请".repeat(10_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.message).toBe("text: a notice is at most 300 characters after trimming; this one has 10,000");
    expect(noticeRows()).toEqual({ n: 0 });
    expect(hall.server.ctx.events.lastSeq()).toBe(seq);
  });

  it("when a notice is exactly 300 characters after trimming, then it is taken; 301 is refused", async () => {
    expect((await publish({ text: ` ${"号".repeat(300)}\u3000` })).status).toBe(201);
    const over = await publish({ text: "号".repeat(301) });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain("at most 300 characters");
    expect(noticeRows()).toEqual({ n: 1 });
  });

  it.each([
    ["a line break", "第一行\n第二行"],
    ["a bell", "请注意\u0007"],
    ["an escape sequence", "\u001b[31m红色\u001b[0m"],
    ["a right-to-left override", "abc\u202Edef"],
    ["a tab", "a\tb"],
  ])("when a notice holds %s, then it is refused as not plain one-line text", async (_what, text) => {
    const res = await publish({ text });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "text: a notice is one line of plain text: no control characters or line breaks",
    );
    expect(noticeRows()).toEqual({ n: 0 });
  });

  it.each([
    ["only spaces", { text: "   " }, "text: a notice needs text"],
    ["no text", {}, "text:"],
    ["a number for text", { text: 42 }, "text:"],
    ["an unknown field", { text: "ok", colour: "red" }, "colour"],
    ["expiresAt as a date string", { text: "ok", expiresAt: "2026-11-25" }, "expiresAt"],
  ])("when a notice has %s, then 400 names what is wrong", async (_what, body, words) => {
    const res = await publish(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(words);
    expect(noticeRows()).toEqual({ n: 0 });
  });

  it("when a notice's expiresAt passes on the hall's clock, then it leaves the list and the snapshot", async () => {
    const lasting = await publish({ text: "长期通知" });
    const brief = await publish({ text: "十分钟后取消", expiresAt: hall.clock.now + 10 * 60_000 });
    expect(brief.body.expiresAt).toBe(hall.clock.now + 10 * 60_000);
    expect((await listed()).map((n) => n.text)).toEqual(["长期通知", "十分钟后取消"]);
    hall.clock.advance(10 * 60_000 - 1);
    expect(await listed()).toHaveLength(2);
    hall.clock.advance(1);
    expect(await listed()).toEqual([lasting.body]);
    const snapshot = await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, screen);
    expect(snapshot.body.notices).toEqual([lasting.body]);
    const late = await hall.api<ApiError>("DELETE", `/api/notices/${brief.body.id}`, undefined, supervisor);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/already expired/);
  });

  it("when expiresAt is not in the future, then the notice is refused", async () => {
    const res = await publish({ text: "过期", expiresAt: hall.clock.now });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^expiresAt: .* is not in the future/);
    expect(noticeRows()).toEqual({ n: 0 });
  });

  it("when a notice is withdrawn, then it leaves the list with notice.withdrawn; withdrawing it again or an unknown one is refused", async () => {
    const first = await publish({ text: "第一条" });
    const second = await publish({ text: "第二条" });
    const admin = await hall.login("GW001");
    const res = await hall.api<Notice>("DELETE", `/api/notices/${first.body.id}`, undefined, admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(first.body);
    expect(await listed()).toEqual([second.body]);
    expect(events("notice.withdrawn").map((e) => e.data)).toEqual([
      { noticeId: first.body.id, by: { employeeNo: "GW001", name: expect.any(String) as string } },
    ]);
    const seq = hall.server.ctx.events.lastSeq();
    const again = await hall.api<ApiError>("DELETE", `/api/notices/${first.body.id}`, undefined, admin);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "invalid_state",
      message: `notice ${first.body.id} was already withdrawn`,
    });
    const unknown = await hall.api<ApiError>("DELETE", "/api/notices/999", undefined, admin);
    expect(unknown.status).toBe(404);
    expect(hall.server.ctx.events.lastSeq()).toBe(seq);
  });

  it("when 20 notices are in force, then a 21st is refused until one is withdrawn", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push((await publish({ text: `通知 ${i}` })).body.id);
    const refused = await publish({ text: "第二十一条" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("withdraw one");
    await hall.api("DELETE", `/api/notices/${ids[0]}`, undefined, supervisor);
    expect((await publish({ text: "第二十一条" })).status).toBe(201);
  });

  it("when staff (not a supervisor) or a screen publish, then 403 and nothing is stored", async () => {
    const staff = await hall.login("GW005", 1);
    expect((await publish({ text: "hi" }, staff)).status).toBe(403);
    expect((await publish({ text: "hi" }, screen)).status).toBe(403);
    expect(noticeRows()).toEqual({ n: 0 });
  });
});
