/** The catalogue workbook's layout: its sheets and columns, and the labels its cells use. */
import type { TimeLimitUnit } from "@onewindow/contract";

/** How a cell is read and written. */
export type CellKind =
  "text" | "code" | "int" | "number" | "bool" | "time" | "weekdays" | "itemKind" | "unit" | "role" | "scope";

/** One column: its header, how its cells read, whether a value is required, and what it means (for the docs). */
export interface ColumnSpec {
  header: string;
  kind: CellKind;
  /** A value is required in every data row (and so is the column). */
  required: boolean;
  doc: string;
}

/** One sheet and its columns, in the order the exporter writes them. */
export interface SheetSpec {
  name: string;
  doc: string;
  columns: ColumnSpec[];
}

const col = (header: string, kind: CellKind, required: boolean, doc: string): ColumnSpec => ({
  header,
  kind,
  required,
  doc,
});

/** The sheets of a catalogue workbook, in order; every one must be present (an empty one holds only its headers). */
export const CATALOG_SHEETS: readonly SheetSpec[] = [
  {
    name: "目录",
    doc: "one data row: the catalogue's format version and data edition",
    columns: [
      col("格式版本", "int", true, "catalogue format version: 2"),
      col("目录版本", "text", true, "data edition shown on screens, e.g. 2026.11"),
    ],
  },
  {
    name: "部门",
    doc: "departments (部门)",
    columns: [
      col("部门编码", "code", true, "department code, e.g. its 统一社会信用代码"),
      col("部门名称", "text", true, "department name"),
      col("英文名称", "text", false, "English name"),
    ],
  },
  {
    name: "分组",
    doc: "item groups: items the same staff usually serve; a department's own group need not be listed",
    columns: [
      col("分组编码", "code", true, "group code, used in 事项.分组编码"),
      col("分组名称", "text", true, "group name"),
      col("目标等待分钟", "int", false, "target wait in minutes (default 15)"),
    ],
  },
  {
    name: "事项",
    doc: "service items (事项), one per row",
    columns: [
      col("事项编码", "code", true, "official item code (事项编码)"),
      col("事项名称", "text", true, "item name"),
      col("英文名称", "text", false, "English name"),
      col("部门编码", "code", true, "the department (部门.部门编码)"),
      col("分类", "text", false, "kiosk browsing category, e.g. 户籍办理"),
      col("分组编码", "code", false, "item group (分组.分组编码); empty = the department's group"),
      col("业务办理项编码", "code", false, "handling-item code (业务办理项编码)"),
      col("票号字母", "text", true, "ticket prefix, one capital letter A-Z"),
      col("办件类型", "itemKind", true, "即办件 or 承诺件"),
      col("承诺时限", "int", false, "promised time limit (承诺时限), > 0 for 承诺件; empty = 0"),
      col("承诺时限单位", "unit", false, "天, 工作日, 月 or 年; empty = 工作日"),
      col("法定时限", "int", false, "legal time limit (法定时限); empty = not recorded"),
      col("法定时限单位", "unit", false, "天, 工作日, 月 or 年; empty = 工作日"),
      col("仅本地事项", "bool", false, "是 for an item the province does not know; empty = 否"),
      col("需身份证", "bool", false, "是 if an ID card is required; empty = 否"),
      col("每日限额", "int", false, "tickets per day; empty = no cap"),
      col("典型办理分钟", "number", true, "typical minutes to handle one request"),
      col("启用", "bool", false, "否 to keep the item but not offer it; empty = 是"),
    ],
  },
  {
    name: "服务时间",
    doc: "opening hours: one row per period; an item needs at least one",
    columns: [
      col("事项编码", "code", true, "the item (事项.事项编码)"),
      col("星期", "weekdays", true, "weekdays, 1 = Monday … 7 = Sunday: 1-5, 6, 1,3,5 or 周一至周五"),
      col("开始", "time", true, "opening time HH:MM, e.g. 09:00"),
      col("结束", "time", true, "closing time HH:MM, e.g. 17:00"),
    ],
  },
  {
    name: "时段限额",
    doc: "per-time-slot caps: at most 限额 tickets between 开始 and 结束 each day",
    columns: [
      col("事项编码", "code", true, "the item (事项.事项编码)"),
      col("开始", "time", true, "slot start HH:MM"),
      col("结束", "time", true, "slot end HH:MM"),
      col("限额", "int", true, "tickets in the slot (a whole number)"),
    ],
  },
  {
    name: "材料",
    doc: "required materials (一次性告知), in the order shown",
    columns: [col("事项编码", "code", true, "the item (事项.事项编码)"), col("材料名称", "text", true, "one document")],
  },
  {
    name: "窗口",
    doc: "windows (窗口)",
    columns: [
      col("窗口号", "int", true, "window number shown and spoken"),
      col("窗口名称", "text", true, "window name"),
      col("区域", "text", false, "area, e.g. A区"),
      col("楼层", "text", false, "floor, e.g. 1F"),
      col("办理范围", "scope", true, "全部事项 (every item) or 指定事项 (those on sheet 窗口事项)"),
    ],
  },
  {
    name: "窗口事项",
    doc: "the items a window with 办理范围 指定事项 may serve",
    columns: [
      col("窗口号", "int", true, "the window (窗口.窗口号)"),
      col("事项编码", "code", true, "the item (事项.事项编码)"),
    ],
  },
  {
    name: "人员",
    doc: "staff (人员); PIN and 密码 are read on import and never written by export",
    columns: [
      col("工号", "code", true, "employee number: 2-32 letters, digits or '-'"),
      col("姓名", "text", true, "name"),
      col("角色", "role", true, "窗口人员, 主管 or 管理员"),
      col("照片", "text", false, "photo: a path under the hall's media directory"),
      col("PIN", "code", false, "initial PIN, 6-12 digits (import only)"),
      col("密码", "text", false, "initial password, at least 8 characters (import only)"),
    ],
  },
  {
    name: "人员技能",
    doc: "skills: the items each staff member may serve, with a weight",
    columns: [
      col("工号", "code", true, "the staff member (人员.工号)"),
      col("事项编码", "code", true, "the item (事项.事项编码)"),
      col("权重", "int", false, "1-10, higher is called first; empty = 5"),
    ],
  },
];

/** The sheet the exporter puts first for people; ignored on import. */
export const README_SHEET = "说明";

export const UNIT_LABEL: Record<TimeLimitUnit, string> = {
  days: "天",
  workingDays: "工作日",
  months: "月",
  years: "年",
};
export const UNIT_READ: Record<string, TimeLimitUnit> = {
  天: "days",
  日: "days",
  自然日: "days",
  工作日: "workingDays",
  月: "months",
  个月: "months",
  年: "years",
  days: "days",
  workingDays: "workingDays",
  months: "months",
  years: "years",
};
export const KIND_LABEL = { immediate: "即办件", committed: "承诺件" } as const;
export const ROLE_LABEL = { staff: "窗口人员", supervisor: "主管", admin: "管理员" } as const;
export const SCOPE_ALL = "全部事项";
export const SCOPE_LISTED = "指定事项";
