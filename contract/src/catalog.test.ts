import { describe, expect, it } from "vitest";
import { Catalog, CatalogV2, ServiceHours, SlotCap, type CatalogFile } from "./catalog.ts";

const hours = [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "17:00" }];

describe("service hours' times", () => {
  it("when a period or a slot cap ends at 24:00, then it is the end of the day; 24:00 cannot open one", () => {
    expect(ServiceHours.safeParse({ weekdays: [1], open: "18:00", close: "24:00" }).success).toBe(true);
    expect(SlotCap.safeParse({ start: "23:00", end: "24:00", cap: 5 }).success).toBe(true);
    expect(ServiceHours.safeParse({ weekdays: [1], open: "24:00", close: "24:00" }).success).toBe(false);
    expect(ServiceHours.safeParse({ weekdays: [1], open: "08:00", close: "24:30" }).success).toBe(false);
  });
});
const v2 = (items: CatalogFile["items"], extra: Partial<CatalogFile> = {}): CatalogFile => ({
  schemaVersion: 2,
  version: "t",
  departments: [
    { code: "D1", name: "民政办" },
    { code: "D2", name: "派出所" },
  ],
  items,
  windows: [],
  staff: [],
  ...extra,
});
const item = (extra: Partial<CatalogFile["items"][number]> = {}): CatalogFile["items"][number] => ({
  code: "I1",
  name: "事项",
  departmentCode: "D1",
  prefix: "A",
  kind: "immediate",
  hours,
  typicalMinutes: 5,
  ...extra,
});
const messages = (raw: unknown) =>
  Catalog.safeParse(raw).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("catalogue schema v2", () => {
  it("when an item leaves its group out, then it joins its department's group with a 15-minute target wait", () => {
    const c = Catalog.parse(v2([item(), item({ code: "I2", departmentCode: "D2" })]));
    expect(c.items.map((i) => i.groupCode)).toEqual(["D1", "D2"]);
    expect(c.groups).toEqual([
      { code: "D1", name: "民政办", targetWaitMinutes: 15 },
      { code: "D2", name: "派出所", targetWaitMinutes: 15 },
    ]);
  });

  it("when items of two departments share a listed group, then the group keeps its name and target wait", () => {
    const c = Catalog.parse(
      v2([item({ groupCode: "G" }), item({ code: "I2", departmentCode: "D2", groupCode: "G" })], {
        groups: [{ code: "G", name: "综合受理", targetWaitMinutes: 30 }],
      }),
    );
    expect(c.groups).toEqual([{ code: "G", name: "综合受理", targetWaitMinutes: 30 }]);
  });

  it("when an item names a group that is neither listed nor a department, then the path and code are named", () => {
    expect(messages(v2([item({ groupCode: "NOPE" })]))).toEqual([
      "items.0.groupCode: unknown group NOPE: list it under groups, or leave it out for the department's group",
    ]);
  });

  it("when a committed item promises nothing, or more than the legal limit, then the promised limit is refused", () => {
    expect(messages(v2([item({ kind: "committed" })]))).toEqual([
      "items.0.promisedLimit.value: a committed item needs a promised limit > 0",
    ]);
    expect(
      messages(
        v2([
          item({
            kind: "committed",
            promisedLimit: { value: 30, unit: "workingDays" },
            legalLimit: { value: 20, unit: "workingDays" },
          }),
        ]),
      ),
    ).toEqual(["items.0.promisedLimit.value: the promised limit must not exceed the legal limit"]);
    // Different units are not compared (a month is not a fixed number of working days).
    expect(
      messages(
        v2([
          item({
            kind: "committed",
            promisedLimit: { value: 30, unit: "days" },
            legalLimit: { value: 1, unit: "months" },
          }),
        ]),
      ),
    ).toEqual([]);
  });

  it("when a time-limit unit is not one of the four, then it is refused", () => {
    expect(messages(v2([item({ promisedLimit: { value: 1, unit: "weeks" as "days" } })]))[0]).toMatch(
      /^items\.0\.promisedLimit\.unit: /,
    );
  });

  it("when the format version is unknown, then the file is refused at schemaVersion", () => {
    expect(messages({ ...v2([item()]), schemaVersion: 3 })[0]).toMatch(/^schemaVersion: /);
  });

  it("when a version-1 field appears in a version-2 file, then it is refused as unknown", () => {
    expect(messages(v2([{ ...item(), promisedDays: 3 } as CatalogFile["items"][number]]))).toEqual([
      'items.0: Unrecognized key: "promisedDays"',
    ]);
  });

  it("when an item has no service hours, then it is told it needs a period", () => {
    expect(messages(v2([item({ hours: [] })]))).toEqual([
      "items.0.hours: an item needs at least one period of service hours",
    ]);
  });
});

describe("catalogue schema v1 (still imported)", () => {
  const v1 = {
    version: "old",
    departments: [{ code: "D1", name: "民政办" }],
    items: [
      {
        code: "I1",
        name: "事项",
        departmentCode: "D1",
        prefix: "A",
        kind: "committed",
        promisedDays: 7,
        hours,
        typicalMinutes: 5,
      },
    ],
    windows: [{ number: 1, name: "1号", allowedItems: ["I1"] }],
    staff: [{ employeeNo: "S1", name: "张三", role: "admin", pin: "123456", skills: [{ itemCode: "I1" }] }],
  };

  it("when a version-1 catalogue is parsed, then it is version 2 with its promised days in working days", () => {
    const c = Catalog.parse(v1);
    expect(c.schemaVersion).toBe(2);
    expect(c.items[0]).toMatchObject({ promisedLimit: { value: 7, unit: "workingDays" }, groupCode: "D1" });
    expect(c.staff[0]?.pin).toBe("123456");
    // Parsing the result again as version 2 gives the same catalogue: the upgrade is a valid v2 file.
    expect(CatalogV2.parse(c)).toEqual(c);
  });

  it("when a version-1 catalogue has a broken reference, then its path is named as before", () => {
    expect(messages({ ...v1, windows: [{ number: 1, name: "1号", allowedItems: ["I9"] }] })).toEqual([
      "windows.0.allowedItems.0: unknown item I9",
    ]);
  });
});
