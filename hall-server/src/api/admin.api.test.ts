import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Catalog } from "@onewindow/contract";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";
const MAILING = "11441702007046212W200010200100";

type ApiError = { error: { code: string; message: string } };

describe("administration over real HTTP", () => {
  let hall: TestHall;
  let admin: string;
  const skillRows = () =>
    hall.server.ctx.db.prepare("SELECT staff_id, item_id, weight FROM skills ORDER BY 1, 2").all();
  const unchanged = () => ({
    seq: hall.server.ctx.events.lastSeq(),
    skills: skillRows(),
    audit: hall.server.ctx.db.prepare("SELECT count(*) AS n FROM audit").get(),
    version: hall.server.ctx.catalog.version,
  });

  beforeEach(async () => {
    hall = await startTestHall();
    admin = await hall.login("GW001");
  });
  afterEach(async () => hall.close());

  describe("bodies that pass their shape but break a store rule get 400, not 500", () => {
    it("when new skills list the same item twice, then 400 bad_request naming the item and nothing changes", async () => {
      const before = unchanged();
      const res = await hall.api<ApiError>(
        "PUT",
        "/api/staff/GW005/skills",
        {
          skills: [
            { itemCode: ENQUIRY, weight: 3 },
            { itemCode: ` ${ENQUIRY}`, weight: 7 },
          ],
        },
        admin,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(res.body.error.message).toContain(`item ${ENQUIRY} is listed twice`);
      expect(unchanged()).toEqual(before);
    });

    it("when an imported staff entry lists the same skill twice, then 400 bad_request and the catalogue stays as it was", async () => {
      const catalog = structuredClone(demoCatalog) as { version: string; staff: { skills: unknown[] }[] };
      catalog.version = "2027.01";
      catalog.staff[4]!.skills.push({ itemCode: MAILING, weight: 1 });
      const before = unchanged();
      const res = await hall.api<ApiError>("POST", "/api/catalog/import", catalog, admin);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(res.body.error.message).toContain("staff.4.skills");
      expect(unchanged()).toEqual(before);
    });

    it("when a finish lists a handled item twice, then 400 bad_request and the ticket is still being served", async () => {
      const kiosk = hall.device("kiosk");
      await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk);
      const staff = await hall.login("GW005", 1);
      await hall.api("POST", "/api/counter/call-next", {}, staff);
      await hall.api("POST", "/api/counter/start", {}, staff);
      const seq = hall.server.ctx.events.lastSeq();
      const res = await hall.api<ApiError>(
        "POST",
        "/api/counter/finish",
        { handledItemCodes: [ENQUIRY, MAILING, ENQUIRY] },
        staff,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("listed twice");
      expect(hall.server.ctx.events.lastSeq()).toBe(seq);
      expect(
        (await hall.api("POST", "/api/counter/finish", { handledItemCodes: [ENQUIRY, MAILING] }, staff)).status,
      ).toBe(200);
    });

    it("when the demo catalogue is imported again unchanged, then it is accepted (the refinement refuses only repeats)", async () => {
      const res = await hall.api("POST", "/api/catalog/import", Catalog.parse(demoCatalog), admin);
      expect(res.status).toBe(200);
    });
  });
});
