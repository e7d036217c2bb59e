// Catalogue import over real HTTP: strict schema, dry-run diff, and refusal of changes that would empty the hall.
import { Catalog } from "@onewindow/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { startTestHall, type TestHall } from "../testing/testHall.ts";

type ApiError = { error: { code: string; message: string; details?: { refusals?: { code: string }[] } } };
type DemoJson = typeof demoCatalog & Record<string, unknown>;

const ENQUIRY = "11441702007046212W200010100100";

describe("catalogue import", () => {
  let hall: TestHall;
  let admin: string;
  const db = () => hall.server.ctx.db;
  const state = () => ({
    seq: hall.server.ctx.events.lastSeq(),
    version: hall.server.ctx.catalog.version,
    items: db().prepare("SELECT code, active, name FROM items ORDER BY id").all(),
    windows: db().prepare("SELECT number, active, name FROM windows ORDER BY id").all(),
    staff: db().prepare("SELECT employee_no, active, role FROM staff ORDER BY id").all(),
  });
  const demo = () => structuredClone(demoCatalog) as DemoJson;

  beforeEach(async () => {
    hall = await startTestHall();
    admin = await hall.login("GW001");
  });
  afterEach(async () => hall.close());

  it("when an admin imports an empty catalogue with a blank version, then 400 names version and nothing changes", async () => {
    const before = state();
    const res = await hall.api<ApiError>(
      "POST",
      "/api/catalog/import",
      { version: " ", departments: [], items: [], windows: [], staff: [] },
      admin,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^version: /);
    expect(state()).toEqual(before);
  });

  it.each([
    ["the catalogue", (c: DemoJson) => (c.colour = "red"), "body", "colour"],
    ["an item", (c: DemoJson) => ((c.items[0] as Record<string, unknown>).colour = "red"), "items.0", "colour"],
    ["a window", (c: DemoJson) => ((c.windows[2] as Record<string, unknown>).colour = "red"), "windows.2", "colour"],
    ["a staff member", (c: DemoJson) => ((c.staff[1] as Record<string, unknown>).pinn = "1"), "staff.1", "pinn"],
    [
      "a skill",
      (c: DemoJson) => ((c.staff[5]!.skills[0] as Record<string, unknown>).wieght = 3),
      "staff.5.skills.0",
      "wieght",
    ],
  ])(
    "when %s holds an unknown key, then 400 names the field and the key, and nothing changes",
    async (_what, spoil, path, key) => {
      const catalog = demo();
      spoil(catalog);
      const before = state();
      const res = await hall.api<ApiError>("POST", "/api/catalog/import", catalog, admin);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`${path}: `);
      expect(res.body.error.message).toContain(key);
      expect(state()).toEqual(before);
    },
  );

  it("when an import would deactivate every item, window and staff member (the caller included), then 409 names each and nothing changes", async () => {
    const before = state();
    const res = await hall.api<ApiError>(
      "POST",
      "/api/catalog/import",
      { version: "empty", departments: [], items: [], windows: [], staff: [] },
      admin,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.details?.refusals?.map((r) => r.code).sort()).toEqual([
      "all_items",
      "all_windows",
      "last_admin",
      "self",
    ]);
    expect(res.body.error.message).toContain("GW001");
    expect(res.body.error.message).toMatch(/every service item/);
    expect(res.body.error.message).toMatch(/every window/);
    expect(res.body.error.message).toContain("force=true");
    expect(state()).toEqual(before);
  });

  it("when an import would demote the only admin, then 409 last_admin and self, and nothing changes", async () => {
    const catalog = demo();
    catalog.version = "2027.01";
    catalog.staff[0]!.role = "supervisor";
    const before = state();
    const res = await hall.api<ApiError>("POST", "/api/catalog/import", catalog, admin);
    expect(res.status).toBe(409);
    expect(res.body.error.details?.refusals?.map((r) => r.code).sort()).toEqual(["last_admin", "self"]);
    expect(state()).toEqual(before);
  });

  it("when dryRun=true, then the diff lists what would be added, changed and deactivated, and nothing changes", async () => {
    const catalog = demo();
    catalog.version = "2027.02";
    catalog.items[0]!.name = "咨询 (renamed)";
    // An item can only be dropped by marking it inactive while skills still name it.
    (catalog.items[1] as { active?: boolean }).active = false;
    catalog.windows = catalog.windows.filter((w) => w.number !== 12);
    catalog.windows.push({ ...catalog.windows[0]!, number: 13, name: "13号窗口" });
    catalog.staff = catalog.staff.filter((s) => s.employeeNo !== "GW020");
    const before = state();
    const res = await hall.api<{
      dryRun: boolean;
      refusals: unknown[];
      diff: Record<string, { added: unknown[]; changed: { key: unknown; fields: string[] }[]; deactivated: unknown[] }>;
    }>("POST", "/api/catalog/import?dryRun=true", catalog, admin);
    expect(res.body).not.toHaveProperty("error");
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.refusals).toEqual([]);
    expect(res.body.diff.items).toMatchObject({
      added: [],
      changed: [{ key: ENQUIRY, fields: ["name"] }],
      deactivated: ["11441702007046212W200010200100"],
    });
    expect(res.body.diff.windows).toMatchObject({ added: [13], changed: [], deactivated: [12] });
    expect(res.body.diff.staff).toMatchObject({ deactivated: ["GW020"] });
    expect(res.body.diff.departments).toMatchObject({ added: [], changed: [] });
    expect(state()).toEqual(before);
  });

  it("when a refused import is repeated with force=true, then it applies and the audit says it was forced", async () => {
    const catalog = demo();
    catalog.version = "2027.03";
    catalog.windows = [];
    const res = await hall.api<{ diff: { windows: { deactivated: number[] } }; forced: string[] }>(
      "POST",
      "/api/catalog/import?force=true",
      catalog,
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.body.forced).toEqual(["all_windows"]);
    expect(res.body.diff.windows.deactivated).toHaveLength(12);
    expect(hall.server.ctx.catalog.version).toBe("2027.03");
    const adminId = hall.server.ctx.catalog.staffByNo.get("GW001")!.id;
    const audit = db()
      .prepare<[], { actor: string; detail: string }>("SELECT actor, detail FROM audit WHERE action = 'catalog_import'")
      .all();
    expect(audit.map((a) => [a.actor, JSON.parse(a.detail) as unknown])).toMatchObject([
      [`staff:${adminId}`, { version: "2027.03", forced: ["all_windows"] }],
    ]);
  });

  it("when the query holds an unknown flag, then 400 names it and nothing changes", async () => {
    const before = state();
    const res = await hall.api<ApiError>("POST", "/api/catalog/import?dryrun=1", Catalog.parse(demoCatalog), admin);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("dryrun");
    expect(state()).toEqual(before);
  });
});
