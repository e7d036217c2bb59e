/**
 * The example hall (`exampleCatalog.json` and the same catalogue as the workbook `exampleCatalog.xlsx`): a small
 * town centre (镇便民服务中心) with real kinds of departments and item names and fictional staff, for halls to start
 * their own catalogue from. Regenerate the workbook with `node --import tsx hall-server/src/demo/writeExampleWorkbook.ts`.
 */
import { describe, expect, it } from "vitest";
import { Catalog } from "@onewindow/contract";
import { readCatalogFile } from "../catalog/catalogFile.ts";
import exampleJson from "./exampleCatalog.json" with { type: "json" };

const example = () => Catalog.parse(exampleJson);

describe("example town-centre catalogue", () => {
  it("when the committed workbook is read, then it is exactly the JSON catalogue", async () => {
    const workbook = await readCatalogFile(new URL("./exampleCatalog.xlsx", import.meta.url).pathname);
    expect(workbook).toEqual(example());
  });

  it("when the JSON is read, then it is a schema-v2 file with no credentials", () => {
    expect(exampleJson.schemaVersion).toBe(2);
    expect(example().version).toBe("2026.12-example");
    for (const s of example().staff) {
      expect(s.pin, s.employeeNo).toBeUndefined();
      expect(s.password, s.employeeNo).toBeUndefined();
    }
  });

  it("when counted, then it is small: 6-10 departments, 12-20 items, 4 windows, 6 staff with one admin", () => {
    const c = example();
    expect(c.departments.length).toBeGreaterThanOrEqual(6);
    expect(c.departments.length).toBeLessThanOrEqual(10);
    expect(c.items.length).toBeGreaterThanOrEqual(12);
    expect(c.items.length).toBeLessThanOrEqual(20);
    expect(c.windows).toHaveLength(4);
    expect(c.staff).toHaveLength(6);
    expect(c.staff.filter((s) => s.role === "admin")).toHaveLength(1);
  });

  it("when item codes are read, then each is 30 characters, unique, and starts with its department's code", () => {
    const items = example().items;
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const i of items) {
      expect(i.code, i.name).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\d{12}$/);
      expect(i.code.startsWith(i.departmentCode), i.name).toBe(true);
      expect(i.category, i.name).not.toBe("");
      // Items the province knows carry its handling-item code; local-only ones have none.
      expect(i.handlingCode === "", i.name).toBe(i.localOnly);
    }
  });

  it("when v2 fields are read, then committed items promise no more than the law allows, in the same unit", () => {
    for (const i of example().items) {
      if (i.kind === "immediate") expect(i.promisedLimit.value, i.name).toBe(0);
      else {
        expect(i.legalLimit, i.name).not.toBeNull();
        expect(i.legalLimit?.unit, i.name).toBe(i.promisedLimit.unit);
        expect(i.promisedLimit.value, i.name).toBeLessThanOrEqual(i.legalLimit?.value ?? 0);
      }
    }
    const units = new Set(example().items.map((i) => i.promisedLimit.unit));
    expect(units).toEqual(new Set(["workingDays", "days", "months"]));
    expect(example().groups.find((g) => g.code === "SBMZ")).toEqual({
      code: "SBMZ",
      name: "社保民政",
      targetWaitMinutes: 20,
    });
  });

  it("when staff and windows are matched to items, then every item has a window and two qualified staff", () => {
    const c = example();
    for (const i of c.items) {
      expect(
        c.windows.some((w) => w.allowedItems === null || w.allowedItems.includes(i.code)),
        i.name,
      ).toBe(true);
      expect(c.staff.filter((s) => s.skills.some((k) => k.itemCode === i.code)).length, i.name).toBeGreaterThanOrEqual(
        2,
      );
    }
  });
});
