import ExcelJS from "exceljs";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogFile } from "../catalog/catalogFile.ts";
import { cli, tempDir } from "./testing.ts";

const exampleWorkbook = new URL("../demo/exampleCatalog.xlsx", import.meta.url).pathname;

/** A hall initialised from the shipped example workbook, with an admin password from standard input. */
function exampleHall(): { dir: string; config: string } {
  const dir = tempDir();
  const init = cli(
    ["init", "--dir", join(dir, "hall"), "--catalog", exampleWorkbook, "--public-url", "https://hall.example.gov.cn"],
    {
      input: "admin-password-1\n",
    },
  );
  expect(init.stderr).toBe("");
  expect(init.status).toBe(0);
  return { dir, config: join(dir, "hall", "config.json") };
}

describe("hall-server catalog with XLSX workbooks", () => {
  it("when a hall is set up from the example workbook and exported as XLSX, then re-importing it changes nothing", async () => {
    const { dir, config } = exampleHall();
    const xlsx = join(dir, "export.xlsx");
    const exported = cli(["catalog", "export", xlsx, "--config", config]);
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    // The workbook holds what the JSON export holds (schema v2), and what the example held, plus the admin.
    const json = JSON.parse(cli(["catalog", "export", "--config", config]).stdout) as { schemaVersion: number };
    expect(json.schemaVersion).toBe(2);
    const fromWorkbook = await readCatalogFile(xlsx);
    expect(fromWorkbook).toEqual(await readCatalogFile(writeJson(dir, json)));
    const example = await readCatalogFile(exampleWorkbook);
    expect(fromWorkbook.items).toEqual(example.items);
    expect(fromWorkbook.staff.map((s) => s.employeeNo)).toEqual([...example.staff.map((s) => s.employeeNo), "admin"]);

    const dry = cli(["catalog", "import", xlsx, "--dry-run", "--config", config]);
    expect(dry.stderr).toBe("");
    const preview = JSON.parse(dry.stdout) as { diff: Record<string, { added: unknown[]; changed: unknown[] }> };
    for (const [kind, diff] of Object.entries(preview.diff)) {
      expect(diff.added, kind).toEqual([]);
      expect(diff.changed, kind).toEqual([]);
    }
  });

  it("when an imported workbook has a service-hours cell 9点到17点, then exit 2 names sheet, row and column, and nothing changes", async () => {
    const { dir, config } = exampleHall();
    const bad = join(dir, "bad.xlsx");
    copyFileSync(exampleWorkbook, bad);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(bad);
    wb.getWorksheet("服务时间")!.getRow(3).getCell(3).value = "9点到17点";
    wb.getWorksheet("事项")!.getRow(2).getCell(2).value = "改过的名称";
    await wb.xlsx.writeFile(bad);
    const before = cli(["catalog", "export", "--config", config]).stdout;

    const r = cli(["catalog", "import", bad, "--config", config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'sheet 服务时间, row 3, column C (开始): not a time: "9点到17点" (write HH:MM, e.g. 09:00)',
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(cli(["catalog", "export", "--config", config]).stdout).toBe(before);
  });

  it("when `catalog schema` runs, then it prints the catalogue's JSON Schema, and --help shows an example", () => {
    const r = cli(["catalog", "schema"]);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["schemaVersion", "version", "departments", "groups", "items", "windows", "staff"]),
    );
    const out = join(tempDir(), "schema.json");
    expect(cli(["catalog", "schema", out]).status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(r.stdout);
    const help = cli(["catalog", "schema", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("hall-server catalog schema > catalog.schema.json");
  });
});

/** The JSON export, written to a file so it is read the same way as the workbook. */
function writeJson(dir: string, value: unknown): string {
  const path = join(dir, "export.json");
  writeFileSync(path, JSON.stringify(value));
  return path;
}
