/**
 * The catalogue as halls keep it: an XLSX workbook with one sheet per table and one child sheet per nested list,
 * Chinese column headers (layout documented in hall-server/docs/catalogue.md, declared once in `CATALOG_SHEETS`).
 *
 *   workbook bytes ─> exceljs ─> structure check (sheets, headers) ─> cells -> JSON (+ where each value came from)
 *                                                                        │
 *                  CatalogV2 (zod: types, ranges, duplicates, references) <─┘
 *                                                                        │
 *   Catalog (schema v2, groups resolved)  <── or ── CatalogFileError (every problem: sheet, row, column, message)
 *
 * A problem in the structure (a missing or unknown sheet, a missing, unknown or repeated column) stops there: the
 * cells cannot be read reliably. Otherwise every cell problem and every schema problem is reported together, each
 * at its cell (a schema problem is traced back through the source map of the value it names). Reading changes
 * nothing: the caller imports the returned catalogue in one transaction.
 */
import type ExcelJS from "exceljs";
import { CatalogV2, catalogReferenceIssues, type Catalog, type Staff } from "@onewindow/contract";
import { ConfigError } from "../config.ts";
import { CatalogFileError, type CatalogProblem } from "./catalogProblems.ts";
import {
  CATALOG_SHEETS,
  KIND_LABEL,
  README_SHEET,
  ROLE_LABEL,
  SCOPE_ALL,
  SCOPE_LISTED,
  UNIT_LABEL,
  type SheetSpec,
} from "./catalogSheets.ts";
import { CellProblem, asText, columnLetter, letterOf, plain, readCell, weekdaysText } from "./workbookCells.ts";

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface Place {
  sheet: string;
  row: number;
  column: string;
  header: string;
}

/** One data row read from a sheet: values by header (absent when empty or unreadable), and where each came from. */
interface ReadRow {
  row: number;
  values: Map<string, unknown>;
  place: (header: string) => Place;
}

interface SheetRows {
  spec: SheetSpec;
  rows: ReadRow[];
}

/**
 * exceljs, loaded at the first workbook read or written: it adds about 30 MB to a process, and a hall imports or
 * exports its catalogue a few times a year, not on every start.
 */
const excel = async (): Promise<typeof ExcelJS> => (await import("exceljs")).default;

/**
 * Read the catalogue in an XLSX workbook. `file` names it in messages. Returns a schema-v2 catalogue with groups
 * resolved; throws CatalogFileError listing every problem by sheet, row and column. Changes nothing.
 */
export async function readCatalogWorkbook(bytes: Uint8Array, file = "workbook"): Promise<Catalog> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new CatalogFileError(file, [
      { sheet: "", row: 0, column: "", header: "", message: `not an XLSX workbook (${(error as Error).message})` },
    ]);
  }
  const problems: CatalogProblem[] = [];
  const sheets = readStructure(workbook, problems);
  if (problems.length > 0) throw new CatalogFileError(file, problems);

  const sheetRows = new Map<string, SheetRows>();
  for (const [spec, ws] of sheets) sheetRows.set(spec.name, { spec, rows: readRows(spec, ws, problems) });
  const { json, sources } = assemble(sheetRows, problems);

  const parsed = CatalogV2.safeParse(json);
  // zod skips the cross-reference refinement when another check failed: run it here so every problem is listed.
  const issues = parsed.success ? [] : [...parsed.error.issues, ...catalogReferenceIssues(json)];
  const schemaProblems = issues.map((issue) => ({ ...locate(sources, issue.path), message: issue.message }));
  if (problems.length > 0 || schemaProblems.length > 0)
    throw new CatalogFileError(file, withoutRepeats(problems, schemaProblems));
  if (!parsed.success) throw new Error("unreachable: a failed parse always has issues");
  return parsed.data;
}

/**
 * The schema's issues, less those at a cell already reported as unreadable or missing (a cell that cannot be read
 * also fails the schema: say it once, the specific way).
 */
function withoutRepeats(cellProblems: CatalogProblem[], schemaProblems: CatalogProblem[]): CatalogProblem[] {
  const key = (p: CatalogProblem) => `${p.sheet}\u0000${p.row}\u0000${p.column}`;
  const reported = new Set(cellProblems.filter((p) => p.row > 0 && p.column).map(key));
  const seen = new Set<string>();
  return [
    ...cellProblems,
    ...schemaProblems.filter((p) => {
      const k = `${key(p)}\u0000${p.message}`;
      if (reported.has(key(p)) || seen.has(k)) return false;
      seen.add(k);
      return true;
    }),
  ];
}

/** Every expected sheet present and no other; each header row has every required column, no unknown or repeated. */
function readStructure(workbook: ExcelJS.Workbook, problems: CatalogProblem[]): [SheetSpec, ExcelJS.Worksheet][] {
  const expected = CATALOG_SHEETS.map((s) => s.name);
  for (const ws of workbook.worksheets)
    if (ws.name !== README_SHEET && !expected.includes(ws.name))
      problems.push({
        sheet: ws.name,
        row: 0,
        column: "",
        header: "",
        message: `unknown sheet (expected ${expected.join(", ")}; ${README_SHEET} is ignored)`,
      });
  const out: [SheetSpec, ExcelJS.Worksheet][] = [];
  for (const spec of CATALOG_SHEETS) {
    const ws = workbook.getWorksheet(spec.name);
    if (!ws) {
      problems.push({
        sheet: spec.name,
        row: 0,
        column: "",
        header: "",
        message: `missing sheet: the workbook needs every sheet (${expected.join(", ")}), even an empty one`,
      });
      continue;
    }
    const seen = new Map<string, string>();
    ws.getRow(1).eachCell((cell) => {
      let header: string;
      try {
        const v = plain(cell.value);
        header = v === null ? "" : asText(v);
      } catch {
        header = "";
      }
      if (!header) return;
      const known = spec.columns.some((c) => c.header === header);
      if (!known)
        problems.push({
          sheet: spec.name,
          row: 1,
          column: columnLetter(cell),
          header,
          message: `unknown column "${header}" (expected ${spec.columns.map((c) => c.header).join(", ")})`,
        });
      else if (seen.has(header))
        problems.push({
          sheet: spec.name,
          row: 1,
          column: columnLetter(cell),
          header,
          message: `column "${header}" appears twice (also in column ${seen.get(header) ?? ""})`,
        });
      seen.set(header, columnLetter(cell));
    });
    for (const c of spec.columns)
      if (c.required && !seen.has(c.header))
        problems.push({
          sheet: spec.name,
          row: 1,
          column: "",
          header: c.header,
          message: `missing column "${c.header}" (${c.doc})`,
        });
    out.push([spec, ws]);
  }
  return out;
}

/** The data rows (2…) of a sheet, skipping blank ones; a cell that cannot be read is a problem and left absent. */
function readRows(spec: SheetSpec, ws: ExcelJS.Worksheet, problems: CatalogProblem[]): ReadRow[] {
  const columnOf = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => {
    const v = plain(cell.value);
    if (typeof v === "string") columnOf.set(v.trim(), n);
  });
  const rows: ReadRow[] = [];
  ws.eachRow((row, r) => {
    if (r === 1) return;
    const place = (header: string): Place => ({
      sheet: spec.name,
      row: r,
      column: columnOf.has(header) ? letterOf(columnOf.get(header) ?? 0) : "",
      header,
    });
    const values = new Map<string, unknown>();
    const rowProblems: CatalogProblem[] = [];
    let blank = true;
    for (const c of spec.columns) {
      const n = columnOf.get(c.header);
      if (n === undefined) continue;
      try {
        const v = plain(row.getCell(n).value);
        if (v === null) {
          if (c.required) rowProblems.push({ ...place(c.header), message: `required: ${c.doc}` });
          continue;
        }
        blank = false;
        values.set(c.header, readCell(c.kind, v));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        blank = false;
        rowProblems.push({ ...place(c.header), message: error.message });
      }
    }
    if (blank) return;
    problems.push(...rowProblems);
    rows.push({ row: r, values, place });
  });
  return rows;
}

/** Where each JSON path's value came from, for tracing schema issues back to cells. */
type Sources = Map<string, Place>;

/** The closest recorded place of a JSON path (its longest recorded prefix); the 目录 sheet for the root. */
function locate(sources: Sources, path: readonly PropertyKey[]): Place {
  for (let n = path.length; n > 0; n--) {
    const place = sources.get(path.slice(0, n).map(String).join("."));
    if (place) return place;
  }
  return sources.get("") ?? { sheet: "目录", row: 0, column: "", header: "" };
}

type Obj = Record<string, unknown>;

/** Build the catalogue JSON from the rows, attaching child rows to their parents; record every value's place. */
function assemble(sheets: Map<string, SheetRows>, problems: CatalogProblem[]): { json: Obj; sources: Sources } {
  const sources: Sources = new Map();
  const rowsOf = (name: string) => sheets.get(name)?.rows ?? [];
  /** Copy cells to fields of `target`, recording each field's place under `path`. */
  const fill = (target: Obj, path: string, row: ReadRow, fields: Record<string, string>) => {
    sources.set(path, row.place(Object.keys(fields)[0] ?? ""));
    for (const [header, field] of Object.entries(fields)) {
      sources.set(`${path}.${field}`, row.place(header));
      if (row.values.has(header)) target[field] = row.values.get(header);
    }
  };

  /**
   * A row repeating an earlier row's key (item code, window number, employee number) is reported and left out, so
   * the child rows that name the key go to the first row, and nothing else is reported about the repeat.
   */
  const isRepeat = (row: ReadRow, keyHeader: string, index: Map<string | number, number>, parents: Obj[]) => {
    const key = row.values.get(keyHeader) as string | number | undefined;
    const first = key === undefined ? undefined : index.get(key);
    if (first === undefined) return false;
    const firstRow = sources.get(`${parentPath.get(parents) ?? ""}.${first}`)?.row ?? 0;
    problems.push({
      ...row.place(keyHeader),
      message: `duplicate ${keyHeader} ${String(key)}: also on row ${firstRow}`,
    });
    return true;
  };
  const parentPath = new Map<Obj[], string>();

  const json: Obj = {};
  const info = rowsOf("目录");
  const first = info[0];
  if (!first)
    problems.push({ sheet: "目录", row: 2, column: "", header: "", message: "needs one row: 格式版本 and 目录版本" });
  else {
    for (const extra of info.slice(1))
      problems.push({ ...extra.place("目录版本"), message: "only one row is read here: delete this one" });
    sources.set("", first.place("目录版本"));
    sources.set("version", first.place("目录版本"));
    sources.set("schemaVersion", first.place("格式版本"));
    if (first.values.has("目录版本")) json.version = first.values.get("目录版本");
    const v = first.values.get("格式版本");
    if (v !== undefined && v !== 2)
      problems.push({
        ...first.place("格式版本"),
        message: `this workbook layout is format version 2, not ${JSON.stringify(v)}`,
      });
  }
  json.schemaVersion = 2;

  const list = (sheet: string, key: string, fields: Record<string, string>) =>
    rowsOf(sheet).map((row, n) => {
      const o: Obj = {};
      fill(o, `${key}.${n}`, row, fields);
      return o;
    });
  json.departments = list("部门", "departments", { 部门编码: "code", 部门名称: "name", 英文名称: "nameEn" });
  json.groups = list("分组", "groups", { 分组编码: "code", 分组名称: "name", 目标等待分钟: "targetWaitMinutes" });

  const items: Obj[] = [];
  const itemIndex = new Map<string | number, number>();
  parentPath.set(items, "items");
  for (const row of rowsOf("事项")) {
    if (isRepeat(row, "事项编码", itemIndex, items)) continue;
    const n = items.length;
    const o: Obj = {};
    fill(o, `items.${n}`, row, {
      事项编码: "code",
      事项名称: "name",
      英文名称: "nameEn",
      部门编码: "departmentCode",
      分类: "category",
      分组编码: "groupCode",
      业务办理项编码: "handlingCode",
      票号字母: "prefix",
      办件类型: "kind",
      仅本地事项: "localOnly",
      需身份证: "idCardRequired",
      每日限额: "dailyCap",
      典型办理分钟: "typicalMinutes",
      启用: "active",
    });
    const limit = (valueHeader: string, unitHeader: string, field: string) => {
      sources.set(`items.${n}.${field}`, row.place(valueHeader));
      sources.set(`items.${n}.${field}.value`, row.place(valueHeader));
      sources.set(`items.${n}.${field}.unit`, row.place(unitHeader));
      const value = row.values.get(valueHeader);
      const unit = row.values.get(unitHeader);
      if (value !== undefined) o[field] = { value, unit: unit ?? "workingDays" };
      else if (unit !== undefined)
        problems.push({ ...row.place(valueHeader), message: `${unitHeader} is given but ${valueHeader} is empty` });
    };
    limit("承诺时限", "承诺时限单位", "promisedLimit");
    limit("法定时限", "法定时限单位", "legalLimit");
    o.hours = [];
    o.slotCaps = [];
    o.materials = [];
    items.push(o);
    if (typeof o.code === "string" && !itemIndex.has(o.code)) itemIndex.set(o.code, n);
  }
  json.items = items;

  /** Attach each row of a child sheet to its parent by key; a row whose parent is not there is a problem. */
  const attach = (
    sheet: string,
    keyHeader: string,
    index: Map<string | number, number>,
    parentSheet: string,
    onto: (parent: number, row: ReadRow) => void,
  ) => {
    for (const row of rowsOf(sheet)) {
      const key = row.values.get(keyHeader) as string | number | undefined;
      if (key === undefined) continue; // already reported: required
      const parent = index.get(key);
      if (parent === undefined)
        problems.push({ ...row.place(keyHeader), message: `unknown ${keyHeader} ${key}: not on sheet ${parentSheet}` });
      else onto(parent, row);
    }
  };
  const push = (arrayPath: string, array: unknown[], row: ReadRow, fields: Record<string, string>) => {
    const o: Obj = {};
    fill(o, `${arrayPath}.${array.length}`, row, fields);
    array.push(o);
  };
  const itemList = (n: number, field: string) => (items[n] as Obj)[field] as unknown[];
  attach("服务时间", "事项编码", itemIndex, "事项", (n, row) =>
    push(`items.${n}.hours`, itemList(n, "hours"), row, { 星期: "weekdays", 开始: "open", 结束: "close" }),
  );
  attach("时段限额", "事项编码", itemIndex, "事项", (n, row) =>
    push(`items.${n}.slotCaps`, itemList(n, "slotCaps"), row, { 开始: "start", 结束: "end", 限额: "cap" }),
  );
  attach("材料", "事项编码", itemIndex, "事项", (n, row) => {
    const materials = itemList(n, "materials");
    sources.set(`items.${n}.materials.${materials.length}`, row.place("材料名称"));
    materials.push(row.values.get("材料名称"));
  });

  const windows: Obj[] = [];
  const windowIndex = new Map<string | number, number>();
  parentPath.set(windows, "windows");
  for (const row of rowsOf("窗口")) {
    if (isRepeat(row, "窗口号", windowIndex, windows)) continue;
    const n = windows.length;
    const o: Obj = {};
    fill(o, `windows.${n}`, row, { 窗口号: "number", 窗口名称: "name", 区域: "area", 楼层: "floor" });
    sources.set(`windows.${n}.allowedItems`, row.place("办理范围"));
    o.allowedItems = row.values.get("办理范围") === "listed" ? [] : null;
    windows.push(o);
    if (typeof o.number === "number" && !windowIndex.has(o.number)) windowIndex.set(o.number, n);
  }
  json.windows = windows;
  attach("窗口事项", "窗口号", windowIndex, "窗口", (n, row) => {
    const w = windows[n] as Obj;
    if (w.allowedItems === null) {
      problems.push({
        ...row.place("窗口号"),
        message: `window ${String(w.number)} serves ${SCOPE_ALL}: set its 办理范围 to ${SCOPE_LISTED} to list items`,
      });
      return;
    }
    const allowed = w.allowedItems as unknown[];
    sources.set(`windows.${n}.allowedItems.${allowed.length}`, row.place("事项编码"));
    allowed.push(row.values.get("事项编码"));
  });

  const staff: Obj[] = [];
  const staffIndex = new Map<string | number, number>();
  parentPath.set(staff, "staff");
  for (const row of rowsOf("人员")) {
    if (isRepeat(row, "工号", staffIndex, staff)) continue;
    const n = staff.length;
    const o: Obj = {};
    fill(o, `staff.${n}`, row, {
      工号: "employeeNo",
      姓名: "name",
      角色: "role",
      照片: "photo",
      PIN: "pin",
      密码: "password",
    });
    o.skills = [];
    staff.push(o);
    if (typeof o.employeeNo === "string" && !staffIndex.has(o.employeeNo)) staffIndex.set(o.employeeNo, n);
  }
  json.staff = staff;
  attach("人员技能", "工号", staffIndex, "人员", (n, row) =>
    push(`staff.${n}.skills`, (staff[n] as Obj).skills as unknown[], row, { 事项编码: "itemCode", 权重: "weight" }),
  );
  return { json, sources };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** What export writes: a schema-v2 catalogue; staff credentials, if any, are never written. */
export type ExportableCatalog = Omit<Catalog, "staff"> & { staff: Staff[] };

/** Excel's limit on the characters in one cell. */
const CELL_LIMIT = 32_767;

/**
 * The catalogue as an XLSX workbook (the `说明` sheet, then CATALOG_SHEETS in order): codes, times and weekdays as
 * text cells, so Excel keeps them as typed. Throws ConfigError when a value cannot fit a cell (a photo stored as a
 * data: URL longer than 32,767 characters): export JSON instead.
 */
export async function writeCatalogWorkbook(catalog: ExportableCatalog): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = "OneWindow hall-server";
  // Fixed dates: exporting the same catalogue twice gives the same workbook contents.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1));

  const readme = workbook.addWorksheet(README_SHEET);
  readme.columns = [{ width: 16 }, { width: 100 }];
  readme.addRow(["OneWindow 事项目录", `目录版本 ${catalog.version}, 格式版本 2 (hall-server/docs/catalogue.md)`]);
  readme.addRow(["", "导入时忽略本表 (this sheet is ignored on import)"]);
  for (const spec of CATALOG_SHEETS) readme.addRow([spec.name, spec.doc]);
  readme.getColumn(1).font = { bold: true };

  const data = rowsFor(catalog);
  for (const spec of CATALOG_SHEETS) {
    const ws = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      width: Math.max(10, c.header.length * 2 + 4, c.kind === "code" ? 34 : 0),
      style: ["code", "text", "time", "weekdays"].includes(c.kind) ? { numFmt: "@" } : {},
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    spec.columns.forEach((c, n) => (header.getCell(n + 1).note = `${c.doc}${c.required ? " (必填 required)" : ""}`));
    for (const values of data[spec.name] ?? []) {
      for (const [n, v] of values.entries())
        if (typeof v === "string" && v.length > CELL_LIMIT)
          throw new ConfigError(
            `sheet ${spec.name}, column ${spec.columns[n]?.header ?? ""}: a value of ${v.length} characters ` +
              `does not fit an XLSX cell (${CELL_LIMIT} at most): export the catalogue as JSON instead`,
          );
      ws.addRow(values);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Cell = string | number | null;

/** Each sheet's data rows, cells in CATALOG_SHEETS column order. */
function rowsFor(c: ExportableCatalog): Record<string, Cell[][]> {
  const bool = (b: boolean) => (b ? "是" : "否");
  return {
    目录: [[2, c.version]],
    部门: c.departments.map((d) => [d.code, d.name, d.nameEn]),
    分组: c.groups.map((g) => [g.code, g.name, g.targetWaitMinutes]),
    事项: c.items.map((i) => [
      i.code,
      i.name,
      i.nameEn,
      i.departmentCode,
      i.category,
      i.groupCode,
      i.handlingCode,
      i.prefix,
      KIND_LABEL[i.kind],
      i.promisedLimit.value,
      UNIT_LABEL[i.promisedLimit.unit],
      i.legalLimit?.value ?? null,
      i.legalLimit ? UNIT_LABEL[i.legalLimit.unit] : null,
      bool(i.localOnly),
      bool(i.idCardRequired),
      i.dailyCap,
      i.typicalMinutes,
      bool(i.active),
    ]),
    服务时间: c.items.flatMap((i) => i.hours.map((h) => [i.code, weekdaysText(h.weekdays), h.open, h.close])),
    时段限额: c.items.flatMap((i) => i.slotCaps.map((s) => [i.code, s.start, s.end, s.cap])),
    材料: c.items.flatMap((i) => i.materials.map((m) => [i.code, m])),
    窗口: c.windows.map((w) => [w.number, w.name, w.area, w.floor, w.allowedItems === null ? SCOPE_ALL : SCOPE_LISTED]),
    窗口事项: c.windows.flatMap((w) => (w.allowedItems ?? []).map((code) => [w.number, code])),
    人员: c.staff.map((s) => [s.employeeNo, s.name, ROLE_LABEL[s.role], s.photo, null, null]),
    人员技能: c.staff.flatMap((s) => s.skills.map((k) => [s.employeeNo, k.itemCode, k.weight])),
  };
}
