import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Catalog, type CatalogFile } from "@onewindow/contract";
import demoJson from "../demo/demoCatalog.json" with { type: "json" };
import { readCatalogFile, writeCatalogFile } from "./catalogFile.ts";
import { CatalogFileError, type CatalogProblem } from "./catalogProblems.ts";
import { CATALOG_SHEETS } from "./catalogSheets.ts";
import { type ExportableCatalog } from "./catalogWorkbook.ts";

const dir = mkdtempSync(join(tmpdir(), "onewindow-workbook-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const tempPath = (ext = "xlsx") => join(dir, `catalog-${++fileNo}.${ext}`);

/** The catalogue as export gives it: no credentials. */
function withoutCredentials(c: Catalog): ExportableCatalog {
  return { ...c, staff: c.staff.map(({ pin: _pin, password: _password, ...s }) => s) };
}

const demo = () => withoutCredentials(Catalog.parse(demoJson));

/** A small catalogue using every field, including the non-default ones. */
const full: CatalogFile = {
  schemaVersion: 2,
  version: "2026.12-full",
  departments: [
    { code: "D1", name: "镇社会事务办", nameEn: "Social Affairs Office" },
    { code: "D2", name: "镇派出所" },
  ],
  groups: [{ code: "G-SOC", name: "社会事务", targetWaitMinutes: 25 }],
  items: [
    {
      code: "ITEM-1",
      name: "最低生活保障申请",
      departmentCode: "D1",
      category: "社会救助",
      groupCode: "G-SOC",
      handlingCode: "ITEM-1-001",
      prefix: "A",
      kind: "committed",
      promisedLimit: { value: 1, unit: "months" },
      legalLimit: { value: 2, unit: "months" },
      localOnly: true,
      materials: ["居民身份证", "户口簿"],
      idCardRequired: true,
      hours: [
        { weekdays: [1, 2, 3, 4, 5], open: "08:30", close: "12:00" },
        { weekdays: [1, 3, 7], open: "14:00", close: "17:30" },
      ],
      dailyCap: 40,
      slotCaps: [{ start: "08:30", end: "10:00", cap: 12 }],
      typicalMinutes: 12.5,
    },
    {
      code: "ITEM-2",
      name: "户口迁移",
      departmentCode: "D2",
      prefix: "B",
      kind: "immediate",
      hours: [{ weekdays: [6], open: "09:00", close: "12:00" }],
      typicalMinutes: 8,
      active: false,
    },
  ],
  windows: [
    { number: 1, name: "综合窗口", area: "A区", floor: "1F" },
    { number: 2, name: "户籍窗口", allowedItems: ["ITEM-2", "ITEM-1"] },
  ],
  staff: [
    { employeeNo: "T001", name: "赵一", role: "admin", skills: [{ itemCode: "ITEM-1", weight: 9 }] },
    { employeeNo: "T002", name: "钱二", role: "staff", photo: "media/t002.jpg", skills: [{ itemCode: "ITEM-2" }] },
  ],
};

/** Export `catalog`, let `edit` change the workbook as a person in Excel would, save it, and read it back. */
async function editedWorkbook(edit: (wb: ExcelJS.Workbook) => void, catalog: ExportableCatalog = demo()) {
  const path = tempPath();
  await writeCatalogFile(path, catalog);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  edit(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

async function problemsOf(path: string): Promise<CatalogProblem[]> {
  const error = await readCatalogFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogFileError);
  return (error as CatalogFileError).problems;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

describe("catalogue workbook round trip", () => {
  it("when the demo catalogue is exported to XLSX and imported, then the same catalogue comes back", async () => {
    const path = tempPath();
    await writeCatalogFile(path, demo());
    expect(await readCatalogFile(path)).toEqual(demo());
  });

  it("when a catalogue using every field is exported and imported, then every field survives", async () => {
    const catalog = withoutCredentials(Catalog.parse(full));
    const path = tempPath();
    await writeCatalogFile(path, catalog);
    const back = await readCatalogFile(path);
    expect(back).toEqual(catalog);
    expect(back.items[0]).toMatchObject({
      groupCode: "G-SOC",
      promisedLimit: { value: 1, unit: "months" },
      legalLimit: { value: 2, unit: "months" },
      localOnly: true,
      typicalMinutes: 12.5,
    });
    // ITEM-2 had no group: it joined its department's, named after the department, with the default target wait.
    expect(back.groups).toContainEqual({ code: "D2", name: "镇派出所", targetWaitMinutes: 15 });
  });

  it("when the workbook is exported, then it has the readme sheet and every sheet with its Chinese headers in order", async () => {
    const path = tempPath();
    await writeCatalogFile(path, demo());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["说明", ...CATALOG_SHEETS.map((s) => s.name)]);
    for (const spec of CATALOG_SHEETS)
      expect((sheet(wb, spec.name).getRow(1).values as unknown[]).slice(1)).toEqual(spec.columns.map((c) => c.header));
    expect(sheet(wb, "服务时间").getRow(2).values).toEqual([undefined, demo().items[0]?.code, "1-5", "09:00", "12:00"]);
  });

  it("when a staff member's credentials are in the catalogue, then the exported workbook holds neither PIN nor password", async () => {
    const path = tempPath();
    await writeCatalogFile(path, Catalog.parse(demoJson));
    const back = await readCatalogFile(path);
    expect(back.staff.every((s) => s.pin === undefined && s.password === undefined)).toBe(true);
  });

  it("when a person types times as Excel times, weekdays as 周一至周五 and PINs in the sheet, then they are read", async () => {
    const path = await editedWorkbook((wb) => {
      const hours = sheet(wb, "服务时间").getRow(2);
      hours.getCell(2).value = "周一至周五";
      hours.getCell(3).value = new Date(Date.UTC(1899, 11, 30, 9, 0));
      hours.getCell(4).value = 0.5; // noon as a fraction of a day
      const staff = sheet(wb, "人员").getRow(2);
      staff.getCell(5).value = "246810";
      staff.getCell(6).value = "a-long-password";
    });
    const back = await readCatalogFile(path);
    expect(back.items[0]?.hours[0]).toEqual({ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "12:00" });
    expect(back.staff[0]).toMatchObject({ pin: "246810", password: "a-long-password" });
  });
});

describe("catalogue workbook refusals (each names sheet, row and column)", () => {
  it("when a sheet is missing, then the workbook is refused naming the sheet", async () => {
    const path = await editedWorkbook((wb) => wb.removeWorksheet(sheet(wb, "人员").id));
    expect(await problemsOf(path)).toEqual([
      expect.objectContaining({ sheet: "人员", row: 0, message: expect.stringMatching(/^missing sheet/) as string }),
    ]);
  });

  it("when an item code is duplicated, then the second row's code cell is named", async () => {
    const path = await editedWorkbook((wb) => {
      const items = sheet(wb, "事项");
      items.getRow(3).getCell(1).value = items.getRow(2).getCell(1).value;
    });
    const problems = await problemsOf(path);
    expect(problems).toContainEqual({
      sheet: "事项",
      row: 3,
      column: "A",
      header: "事项编码",
      message: `duplicate 事项编码 ${demo().items[0]?.code ?? ""}: also on row 2`,
    });
  });

  it("when a slot cap is not a number, then its cell is named with the text found", async () => {
    const path = await editedWorkbook((wb) => (sheet(wb, "时段限额").getRow(2).getCell(4).value = "二十"));
    expect(await problemsOf(path)).toEqual([
      { sheet: "时段限额", row: 2, column: "D", header: "限额", message: 'not a whole number: "二十"' },
    ]);
  });

  it("when a service-hours cell reads 9点到17点, then that cell is named and HH:MM is asked for", async () => {
    const path = await editedWorkbook((wb) => (sheet(wb, "服务时间").getRow(4).getCell(3).value = "9点到17点"));
    expect(await problemsOf(path)).toEqual([
      {
        sheet: "服务时间",
        row: 4,
        column: "C",
        header: "开始",
        message: 'not a time: "9点到17点" (write HH:MM, e.g. 09:00)',
      },
    ]);
  });

  it("when a window is given an unknown item, then the 窗口事项 row's item cell is named", async () => {
    const path = await editedWorkbook((wb) => (sheet(wb, "窗口事项").getRow(5).getCell(2).value = "NO-SUCH-ITEM"));
    expect(await problemsOf(path)).toEqual([
      { sheet: "窗口事项", row: 5, column: "B", header: "事项编码", message: "unknown item NO-SUCH-ITEM" },
    ]);
  });

  it("when several cells are wrong, then every problem is reported at once, in sheet order", async () => {
    const path = await editedWorkbook((wb) => {
      sheet(wb, "事项").getRow(2).getCell(4).value = "NO-DEPT";
      sheet(wb, "事项").getRow(3).getCell(9).value = "急办件";
      sheet(wb, "服务时间").getRow(2).getCell(1).value = "NO-ITEM";
      sheet(wb, "人员技能").getRow(2).getCell(3).value = 11;
      sheet(wb, "人员").getRow(2).getCell(2).value = null;
    });
    const where = (await problemsOf(path)).map((p) => `${p.sheet}!${p.column}${p.row}`).sort();
    expect(where).toEqual(["事项!D2", "事项!I3", "人员!B2", "人员技能!C2", "服务时间!A2"].sort());
  });

  it("when a header is misspelt, then the unknown and the missing column are both named in row 1", async () => {
    const path = await editedWorkbook((wb) => (sheet(wb, "部门").getRow(1).getCell(2).value = "部门名"));
    expect(await problemsOf(path)).toEqual([
      expect.objectContaining({
        sheet: "部门",
        row: 1,
        column: "B",
        message: expect.stringMatching(/unknown column "部门名"/) as string,
      }),
      expect.objectContaining({
        sheet: "部门",
        row: 1,
        header: "部门名称",
        message: expect.stringMatching(/missing column/) as string,
      }),
    ]);
  });

  it("when a window serving every item also has 窗口事项 rows, then the row is refused", async () => {
    const path = await editedWorkbook((wb) => {
      const windows = sheet(wb, "窗口");
      const row = windows.getRow(2);
      expect(row.getCell(5).value).toBe("全部事项");
      sheet(wb, "窗口事项").addRow([row.getCell(1).value, demo().items[0]?.code]);
    });
    const problems = await problemsOf(path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: "窗口事项", column: "A", header: "窗口号" });
    expect(problems[0]?.message).toMatch(/set its 办理范围 to 指定事项/);
  });

  it("when an item code was turned into a number by Excel, then its lost digits are reported", async () => {
    const path = await editedWorkbook((wb) => (sheet(wb, "事项").getRow(2).getCell(7).value = 1.14417020070462e29));
    const problems = await problemsOf(path);
    expect(problems[0]).toMatchObject({ sheet: "事项", row: 2, column: "G", header: "业务办理项编码" });
    expect(problems[0]?.message).toMatch(/lost digits/);
  });

  it("when the file is not a workbook at all, then it is refused as such", async () => {
    const path = tempPath();
    writeFileSync(path, "not a zip");
    expect((await problemsOf(path))[0]?.message).toMatch(/not an XLSX workbook/);
  });

  it("when a refused workbook's message is printed, then each line reads sheet, row, column (header): message", async () => {
    const path = await editedWorkbook((wb) => (sheet(wb, "时段限额").getRow(2).getCell(4).value = "二十"));
    await expect(readCatalogFile(path)).rejects.toThrow(
      `catalogue ${path} is invalid:\n  sheet 时段限额, row 2, column D (限额): not a whole number: "二十"`,
    );
  });
});

describe("catalogue JSON files", () => {
  it("when a version-1 JSON catalogue is read, then it is upgraded to schema v2 with a group per department", async () => {
    const path = tempPath("json");
    writeFileSync(
      path,
      JSON.stringify({
        version: "v1",
        departments: [{ code: "D1", name: "综合" }],
        items: [
          {
            code: "I1",
            name: "咨询",
            departmentCode: "D1",
            prefix: "A",
            kind: "committed",
            promisedDays: 5,
            hours: [{ weekdays: [1], open: "09:00", close: "10:00" }],
            typicalMinutes: 5,
          },
        ],
        windows: [],
        staff: [],
      }),
    );
    const c = await readCatalogFile(path);
    expect(c.schemaVersion).toBe(2);
    expect(c.groups).toEqual([{ code: "D1", name: "综合", targetWaitMinutes: 15 }]);
    expect(c.items[0]).toMatchObject({
      groupCode: "D1",
      promisedLimit: { value: 5, unit: "workingDays" },
      legalLimit: null,
      localOnly: false,
      category: "",
      handlingCode: "",
    });
  });

  it("when a JSON catalogue is exported and read back, then it is the same and says schemaVersion 2", async () => {
    const path = tempPath("json");
    await writeCatalogFile(path, demo());
    expect(await readCatalogFile(path)).toEqual(demo());
  });
});

describe("catalogue workbook documentation", () => {
  it("when docs/catalogue.md is read, then it has a section for every sheet and a row for every column", () => {
    const doc = readFileSync(new URL("../../docs/catalogue.md", import.meta.url), "utf8");
    for (const spec of CATALOG_SHEETS) {
      const start = doc.indexOf(`### ${spec.name} `);
      expect(start, spec.name).toBeGreaterThan(0);
      const section = doc.slice(start, doc.indexOf("\n### ", start + 1));
      for (const c of spec.columns)
        expect(section, `${spec.name}.${c.header}`).toContain(`| ${c.header} | ${c.required ? "yes" : "no"}`);
    }
  });
});
