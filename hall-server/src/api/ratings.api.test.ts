/** Ratings (issue 12 items 2-7) over real HTTP: the record, reasons, cases, the outbox, default ratings, bad input. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HallEvent, RatingList, RatingView, TicketView } from "@onewindow/contract";
import { startTestHall, WEDNESDAY_10AM, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3, immediate
const NEWBORN = "11441702007046212W200010500100"; // committed, served by GW006 too
const ID_NUMBER = "11010519491231002X";

type ApiError = { error: { code: string; message: string } };
type Issued = { ticket: TicketView };
type Submitted = { ratings: RatingView[] };

describe("ratings over real HTTP", () => {
  let hall: TestHall;
  let kiosk: string;
  let staff: string;
  let counter: string;
  let supervisor: string;

  /** A citizen with an ID card takes a ticket, GW006 serves it at window 2 and finishes with `handled`. */
  const serve = async (handled?: string[]): Promise<TicketView> => {
    const issued = await hall.takeAtKiosk<Issued>(kiosk, {
      issue: { itemCode: ENQUIRY, card: { idNumber: ID_NUMBER, name: "张三丰" } },
    });
    expect(issued.status).toBe(201);
    expect((await hall.api("POST", "/api/counter/call-next", {}, staff)).status).toBe(200);
    expect((await hall.api("POST", "/api/counter/start", {}, staff)).status).toBe(200);
    hall.clock.advance(4 * 60_000);
    const finished = await hall.api<TicketView>(
      "POST",
      "/api/counter/finish",
      handled ? { handledItemCodes: handled } : {},
      staff,
    );
    expect(finished.status).toBe(200);
    return finished.body;
  };
  const rate = (body: Record<string, unknown>, token = counter) =>
    hall.api<Submitted & ApiError>("POST", "/api/ratings", body, token);
  const events = () => hall.server.ctx.events.since(0, 10_000);
  const count = (table: string) =>
    (hall.server.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const outbox = () =>
    hall.server.ctx.db.prepare("SELECT * FROM outbox ORDER BY seq").all() as {
      seq: number;
      idempotency_key: string;
      kind: string;
      entity_id: number;
      change: string;
      payload: string;
    }[];

  beforeEach(async () => {
    hall = await startTestHall({ ratingSweepMs: 20 });
    kiosk = hall.device("kiosk");
    staff = await hall.login("GW006", 2);
    counter = hall.device("counter", 2);
    supervisor = await hall.login("GW002");
  });
  afterEach(async () => hall.close());

  it("when the counter submits the answer for the service that finished at its window, then the rating lands with every field, masked, and is read back by id", async () => {
    const t = await serve();
    const res = await rate({ ticketId: t.id, level: 5 });
    expect(res.status).toBe(201);
    expect(res.body.ratings).toHaveLength(1);
    const id = res.body.ratings[0]!.id;
    const read = await hall.api<RatingView>("GET", `/api/ratings/${id}`, undefined, supervisor);
    expect(read.status).toBe(200);
    const hallId = hall.server.ctx.store.settings.get("hall_id");
    expect(read.body).toMatchObject({
      caseNo: String(t.id),
      serviceNo: `${t.id}-${ENQUIRY}`,
      ticketId: t.id,
      ticketNumber: t.number,
      itemCode: ENQUIRY,
      itemName: "综合咨询与帮办代办服务",
      catalogVersion: hall.server.ctx.catalog.version,
      departmentCode: hall.server.ctx.catalog.item(ENQUIRY)!.departmentCode,
      regionCode: "510104000000",
      hallId,
      window: { number: 2 },
      staff: { employeeNo: "GW006" },
      applicant: { idType: "resident", idMasked: t.idMasked, nameMasked: t.nameMasked, phoneMasked: null },
      itemKind: "immediate",
      ratingChannel: 5,
      level: 5,
      levelName: "非常满意",
      indicatorCodes: [],
      indicatorVersion: "onewindow-2026.11",
      text: "",
      ratedAt: hall.clock.now,
      serviceEnd: hall.clock.now,
      serviceStart: hall.clock.now - 4 * 60_000,
      timesRated: 1,
      isDefault: false,
      reasonPending: false,
      upload: { upward: "pending", provincial: "pending" },
      case: null,
    });
    expect(read.body.handlingCode).toBe(hall.server.ctx.catalog.item(ENQUIRY)!.handlingCode);
    expect(hallId).toMatch(/^[0-9a-f-]{36}$/);
    // Never the ID number or name in clear: not in the answer, not in the database's record, not in the outbox.
    expect(JSON.stringify(read.body)).not.toContain(ID_NUMBER);
    expect(read.body.applicant.idMasked).not.toBe(ID_NUMBER);
    const row = hall.server.ctx.db.prepare("SELECT * FROM service_records").get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(row)).not.toContain("张三丰");
    expect(row.applicant_id_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(outbox())).not.toContain(ID_NUMBER);
    // The outbox: the service record at the finish, then the rating, in order, each with its idempotency key.
    expect(outbox().map((o) => [o.kind, o.change, o.idempotency_key])).toEqual([
      ["service_record", "created", `${hallId}/service_record/${read.body.serviceRecordId}/1`],
      ["rating", "created", `${hallId}/rating/${id}/1`],
    ]);
    const recorded = events().find((e) => e.type === "rating.recorded") as Extract<
      HallEvent,
      { type: "rating.recorded" }
    >;
    expect(recorded.data).toMatchObject({ ticketId: t.id, level: 5, isDefault: false, ratingIds: [id] });
  });

  it("when a visit handled two items, then one keypad answer rates both service records with the same level", async () => {
    const t = await serve([ENQUIRY, NEWBORN]);
    expect(count("service_records")).toBe(2);
    const res = await rate({ ticketId: t.id, level: 4 });
    expect(res.status).toBe(201);
    expect(res.body.ratings.map((r) => [r.itemCode, r.level, r.itemKind, r.timesRated])).toEqual([
      [ENQUIRY, 4, "immediate", 1],
      [NEWBORN, 4, "committed", 1],
    ]);
    expect(res.body.ratings[1]!.promisedLimit.value).toBeGreaterThan(0);
    expect(count("ratings")).toBe(2);
  });

  it("when a bad review comes without a reason, then it is stored flagged, its provincial upload held and a case opened due in 15 working days; the follow-up's reason releases it", async () => {
    const t = await serve();
    const res = await rate({ ticketId: t.id, level: 1 });
    expect(res.status).toBe(201);
    const r = res.body.ratings[0]!;
    expect(r).toMatchObject({ level: 1, reasonPending: true, upload: { provincial: "held" } });
    // Wednesday 2026-11-25 + 15 working days = Wednesday 2026-12-16, due by its end (local midnight).
    expect(r.case).toMatchObject({
      state: "open",
      openedAt: WEDNESDAY_10AM + 4 * 60_000,
      deadlineAt: Date.parse("2026-12-17T00:00:00+08:00"),
      deadlineWorkingDays: 15,
      reasonPending: true,
    });
    const opened = events().find((e) => e.type === "review_case.opened") as Extract<
      HallEvent,
      { type: "review_case.opened" }
    >;
    expect(opened.data).toMatchObject({ caseId: r.case!.id, ratingId: r.id, level: 1, window: { number: 2 } });

    const reason = await hall.api<RatingView>(
      "POST",
      `/api/ratings/${r.id}/reason`,
      { indicatorCodes: ["B07"], text: "等了很久" },
      supervisor,
    );
    expect(reason.status).toBe(200);
    expect(reason.body).toMatchObject({
      indicatorCodes: ["B07"],
      text: "等了很久",
      reasonPending: false,
      upload: { provincial: "pending" },
    });
    expect(events().some((e) => e.type === "review_case.changed")).toBe(true);
    expect(outbox().map((o) => `${o.kind}:${o.change}`)).toEqual([
      "service_record:created",
      "rating:created",
      "review_case:opened",
      "rating:reason_added",
      "review_case:reason_added",
    ]);
    const again = await hall.api<ApiError>("POST", `/api/ratings/${r.id}/reason`, { text: "again" }, supervisor);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("has its reason already");
  });

  it("when a bad review comes with an indicator, then it is complete (upload pending) and still opens a case", async () => {
    const t = await serve();
    const res = await rate({ ticketId: t.id, level: 2, indicatorCodes: ["B05"], ratingChannel: 4 });
    expect(res.status).toBe(201);
    expect(res.body.ratings[0]).toMatchObject({
      level: 2,
      ratingChannel: 4,
      indicatorCodes: ["B05"],
      reasonPending: false,
      upload: { provincial: "pending" },
      case: { state: "open" },
    });
  });

  it("when a service is rated a second time, then it is refused and nothing is stored twice; a retry with the same requestKey answers the same ratings", async () => {
    const t = await serve();
    const first = await rate({ ticketId: t.id, level: 4, requestKey: "key-00000001" });
    expect(first.status).toBe(201);
    const retry = await rate({ ticketId: t.id, level: 4, requestKey: "key-00000001" });
    expect(retry.status).toBe(201);
    expect(retry.body.ratings.map((r) => r.id)).toEqual(first.body.ratings.map((r) => r.id));
    const second = await rate({ ticketId: t.id, level: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(
      `ticket ${t.number} was already rated (rating ${first.body.ratings[0]!.id}, level 4): a service is rated once`,
    );
    expect(count("ratings")).toBe(1);
    expect(count("review_cases")).toBe(0);
    expect(outbox().filter((o) => o.kind === "rating")).toHaveLength(1);
  });

  it("when the input is bad, then each is refused with a clear message and nothing is stored", async () => {
    // A ticket whose service has not finished (being served now).
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    const called = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    const serving = await rate({ ticketId: called.body.id, level: 5 });
    expect(serving.status).toBe(409);
    expect(serving.body.error).toMatchObject({
      code: "invalid_state",
      message: `ticket ${called.body.number} has no finished service to rate (it is called): finish the service first`,
    });
    await hall.api("POST", "/api/counter/start", {}, staff);
    await hall.api("POST", "/api/counter/finish", {}, staff);
    const t = called.body;

    const cases: [Record<string, unknown>, number, string][] = [
      [{ ticketId: 999_999, level: 5 }, 404, "no ticket with id 999999"],
      [{ ticketId: t.id, level: 0 }, 400, "level must be from 1 (非常不满意) to 5 (非常满意)"],
      [{ ticketId: t.id, level: 6 }, 400, "level must be from 1 (非常不满意) to 5 (非常满意)"],
      [{ ticketId: t.id, level: 2.5 }, 400, "level must be a whole number from 1 (非常不满意) to 5 (非常满意)"],
      [{ ticketId: t.id, level: "5" }, 400, "level must be a whole number from 1 (非常不满意) to 5 (非常满意)"],
      [
        { ticketId: t.id, level: 1, indicatorCodes: ["Z42"] },
        400,
        'unknown indicator code "Z42" (indicator list onewindow-2026.11)',
      ],
      [
        { ticketId: t.id, level: 5, indicatorCodes: ["B05"] },
        400,
        "indicator B05 (服务态度差) is not offered for level 5 (indicator list onewindow-2026.11)",
      ],
      [{ ticketId: t.id, level: 5, ratingChannel: 9 }, 400, "ratingChannel must be a provincial code 1-5"],
    ];
    for (const [body, status, message] of cases) {
      const res = await rate(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const details = (res.body.error as { details?: { message: string }[] }).details ?? [];
      expect([res.body.error.message, ...details.map((d) => d.message)].join(" | "), JSON.stringify(body)).toContain(
        message,
      );
    }
    // Another window's counter, a staff token, a kiosk: refused.
    const other = await rate({ ticketId: t.id, level: 5 }, hall.device("counter", 3));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(`ticket ${t.number} was served at window 2, not at this counter's window 3`);
    expect((await rate({ ticketId: t.id, level: 5 }, staff)).status).toBe(403);
    expect((await rate({ ticketId: t.id, level: 5 }, kiosk)).status).toBe(403);
    expect(count("ratings")).toBe(0);
    // The read API is for supervisors: a window's staff member and the counter device are refused.
    expect((await hall.api("GET", "/api/ratings", undefined, staff)).status).toBe(403);
    expect((await hall.api("GET", "/api/ratings", undefined, counter)).status).toBe(403);
    expect((await hall.api("GET", "/api/ratings")).status).toBe(401);
    const badQuery = await hall.api<ApiError>("GET", "/api/ratings?level=7", undefined, supervisor);
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body)).toContain("level must be 1-5");
  });

  it("when a service stays unrated past the region's delay on the hall's clock, then the sweep gives it a default 基本满意, stamped with the time it ran, and the citizen can no longer rate it", async () => {
    const t = await serve();
    const endedAt = hall.clock.now;
    hall.clock.advance(7 * 24 * 3_600_000 - 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(count("ratings")).toBe(0);
    hall.clock.advance(5 * 60_000);
    const sweptAt = hall.clock.now;
    // Staff sessions last 12 hours: a week later the supervisor signs in again.
    supervisor = await hall.login("GW002");
    let list: RatingList = { ratings: [], more: false };
    for (let i = 0; i < 200 && list.ratings.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      list = (await hall.api<RatingList>("GET", "/api/ratings?default=true", undefined, supervisor)).body;
    }
    expect(list.ratings).toHaveLength(1);
    expect(list.ratings[0]).toMatchObject({
      ticketId: t.id,
      level: 3,
      levelName: "基本满意",
      isDefault: true,
      ratedAt: sweptAt,
      serviceEnd: endedAt,
      case: null,
    });
    const late = await rate({ ticketId: t.id, level: 5 });
    expect(late.body.error.code).toBe("conflict");
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain("already given a default rating");
    expect(count("ratings")).toBe(1);
  });

  it("when ratings are listed, then the filters (day range, window, staff, item, level, default) select them", async () => {
    const a = await serve();
    await rate({ ticketId: a.id, level: 5 });
    const b = await serve([ENQUIRY, NEWBORN]);
    await rate({ ticketId: b.id, level: 2, text: "材料要求说不清" });
    const ids = async (query: string) => {
      const res = await hall.api<RatingList>("GET", `/api/ratings${query}`, undefined, supervisor);
      expect(res.status, query).toBe(200);
      return res.body.ratings.map((r) => `${r.ticketId}:${r.itemCode === ENQUIRY ? "E" : "N"}:${r.level}`);
    };
    expect(await ids("")).toEqual([`${b.id}:N:2`, `${b.id}:E:2`, `${a.id}:E:5`]);
    expect(await ids("?level=5")).toEqual([`${a.id}:E:5`]);
    expect(await ids(`?item=${NEWBORN}`)).toEqual([`${b.id}:N:2`]);
    expect(await ids("?window=2&staff=GW006&default=false")).toHaveLength(3);
    expect(await ids("?window=3")).toEqual([]);
    expect(await ids("?from=2026-11-25&to=2026-11-25")).toHaveLength(3);
    expect(await ids("?from=2026-11-26")).toEqual([]);
    const page = await hall.api<RatingList>("GET", "/api/ratings?limit=2", undefined, supervisor);
    expect(page.body.more).toBe(true);
    const rest = await hall.api<RatingList>(
      "GET",
      `/api/ratings?beforeId=${page.body.ratings[1]!.id}`,
      undefined,
      supervisor,
    );
    expect(rest.body.ratings.map((r) => r.ticketId)).toEqual([a.id]);
  });
});
