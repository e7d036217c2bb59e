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

  describe("every state change appends an event", () => {
    const eventsAfter = (seq: number) => hall.server.ctx.events.since(seq, 100);

    it("when an admin registers a device, then device.created is logged without the pairing code", async () => {
      const seq = hall.server.ctx.events.lastSeq();
      const res = await hall.api<{ device: { id: number }; pairingCode: string; expiresAt: number }>(
        "POST",
        "/api/devices",
        { name: "counter 4", kind: "counter", windowNumber: 4 },
        admin,
      );
      expect(res.status).toBe(201);
      const events = eventsAfter(seq);
      expect(events).toMatchObject([
        {
          type: "device.created",
          data: {
            deviceId: res.body.device.id,
            name: "counter 4",
            kind: "counter",
            windowNumber: 4,
            pairingExpiresAt: res.body.expiresAt,
          },
        },
      ]);
      expect(JSON.stringify(events)).not.toContain(res.body.pairingCode);
    });

    it("when an admin revokes a device, then device.revoked is logged once; revoking again changes nothing", async () => {
      hall.device("screen");
      const { id } = hall.server.ctx.db.prepare("SELECT max(id) AS id FROM devices").get() as { id: number };
      const seq = hall.server.ctx.events.lastSeq();
      expect((await hall.api("DELETE", `/api/devices/${id}`, undefined, admin)).status).toBe(200);
      expect(eventsAfter(seq)).toMatchObject([{ type: "device.revoked", data: { deviceId: id, kind: "screen" } }]);
      const again = hall.server.ctx.events.lastSeq();
      expect((await hall.api("DELETE", `/api/devices/${id}`, undefined, admin)).status).toBe(200);
      expect(hall.server.ctx.events.lastSeq()).toBe(again);
    });

    it("when a supervisor sets skills, then staff.skills_changed names the staff member, the skills and who set them", async () => {
      const supervisor = await hall.login("GW002");
      const seq = hall.server.ctx.events.lastSeq();
      const res = await hall.api(
        "PUT",
        "/api/staff/GW011/skills",
        { skills: [{ itemCode: ENQUIRY, weight: 2 }] },
        supervisor,
      );
      expect(res.status).toBe(200);
      expect(eventsAfter(seq)).toMatchObject([
        {
          type: "staff.skills_changed",
          data: {
            staff: { employeeNo: "GW011" },
            skills: [{ itemCode: ENQUIRY, weight: 2 }],
            by: { employeeNo: "GW002" },
          },
        },
      ]);
    });

    it("when a supervisor signs in and out on the admin page, then admin.signed_in and admin.signed_out are logged", async () => {
      const seq = hall.server.ctx.events.lastSeq();
      const supervisor = await hall.login("GW003");
      expect((await hall.api("POST", "/api/auth/logout", {}, supervisor)).status).toBe(200);
      expect(eventsAfter(seq)).toMatchObject([
        { type: "admin.signed_in", data: { staff: { employeeNo: "GW003" }, role: "supervisor" } },
        { type: "admin.signed_out", data: { staff: { employeeNo: "GW003" }, role: "supervisor" } },
      ]);
    });
  });

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
      await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
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
