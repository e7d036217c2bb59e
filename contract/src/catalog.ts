/**
 * The hall's catalogue: departments, item groups, service items (事项), windows and staff. This is also the JSON
 * format of `hall-server catalog import|export` (and, sheet by sheet, of the XLSX workbook: hall-server/docs/catalogue.md).
 * Every object is strict: an unknown key (a typo such as "wieght") is refused with its path named, never silently
 * dropped.
 *
 * Format versions: `schemaVersion: 2` (this one; written by every export) and version 1 (no `schemaVersion`, the
 * format before it), which still imports and is upgraded on parsing (see `upgradeCatalogV1`). `version` is the data
 * edition (e.g. "2026.11"), shown on screens; it is not the format version.
 */
import { z } from "zod";
import { NewPassword, Pin } from "./credentials.ts";
import { ItemKind, Role } from "./enums.ts";

const code = z.string().trim().min(1).max(64);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time must be HH:MM (24 h)");
/** The end of a period: HH:MM, or 24:00 for midnight at the day's end (23:59 would close the day's last slot). */
const hhmmEnd = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "time must be HH:MM (24 h), or 24:00 for the end of the day");

/** Opening hours on one weekday (1 = Monday … 7 = Sunday). */
export const ServiceHours = z
  .strictObject({ weekdays: z.array(z.number().int().min(1).max(7)).min(1), open: hhmm, close: hhmmEnd })
  .refine((h) => h.open < h.close, { message: "open must be before close" });
export type ServiceHours = z.infer<typeof ServiceHours>;

/** A per-time-slot cap: at most `cap` tickets issued between `start` and `end` each day. */
export const SlotCap = z
  .strictObject({ start: hhmm, end: hhmmEnd, cap: z.number().int().min(0) })
  .refine((s) => s.start < s.end, { message: "slot start must be before end" });
export type SlotCap = z.infer<typeof SlotCap>;

export const Department = z.strictObject({
  code,
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).default(""),
});
export type Department = z.infer<typeof Department>;

/** A service item in a version-1 catalogue (no `schemaVersion`): `promisedDays` in working days, no group. */
export const ServiceItemV1 = z
  .strictObject({
    /** Official item code (事项编码). */
    code,
    name: z.string().min(1).max(200),
    nameEn: z.string().max(300).default(""),
    departmentCode: code,
    /** Ticket prefix letter, A–Z. */
    prefix: z.string().regex(/^[A-Z]$/, "prefix must be one capital letter A-Z"),
    kind: ItemKind,
    /** Promised working days for committed items (承诺件); 0 for immediate ones. */
    promisedDays: z.number().int().min(0).max(365).default(0),
    /** Required materials: the one-time notice (一次性告知). */
    materials: z.array(z.string().min(1).max(300)).default([]),
    idCardRequired: z.boolean().default(false),
    hours: z.array(ServiceHours).min(1),
    dailyCap: z.number().int().min(0).nullable().default(null),
    slotCaps: z.array(SlotCap).default([]),
    /** Typical minutes to handle one request, the seed of the moving estimate. */
    typicalMinutes: z.number().positive().max(480),
    active: z.boolean().default(true),
  })
  .refine((i) => i.kind === "immediate" || i.promisedDays > 0, {
    message: "a committed item needs promisedDays > 0",
    path: ["promisedDays"],
  });
export type ServiceItemV1 = z.infer<typeof ServiceItemV1>;

/**
 * Unit of a time limit, as the provincial 好差评 service record counts it: days (0), working days (1), months (2),
 * years (3) (DOMAIN.md, "What a provincial 好差评 system receives").
 */
export const TimeLimitUnit = z.enum(["days", "workingDays", "months", "years"]);
export type TimeLimitUnit = z.infer<typeof TimeLimitUnit>;

/** A time limit: `value` counted in `unit`, e.g. { value: 20, unit: "workingDays" }; 0 = on the spot. */
export const TimeLimit = z.strictObject({
  value: z.number().int().min(0).max(3650),
  unit: TimeLimitUnit,
});
export type TimeLimit = z.infer<typeof TimeLimit>;

/**
 * An item group: a code shared by items that the same staff usually serve. Staffing advice and target waits are per
 * group. Items without a `groupCode` form one group per department (the department's code, named after it).
 */
export const ItemGroup = z.strictObject({
  code,
  name: z.string().min(1).max(100),
  /** The wait the hall aims to keep under for this group's tickets, in minutes (default 15). */
  targetWaitMinutes: z.number().int().min(1).max(480).default(15),
});
export type ItemGroup = z.infer<typeof ItemGroup>;

/** A service item (事项) in a version-2 catalogue. */
export const ServiceItem = z
  .strictObject({
    /** Official item code (事项编码). */
    code,
    name: z.string().min(1).max(200),
    nameEn: z.string().max(300).default(""),
    departmentCode: code,
    /** Category shown when browsing at the kiosk, e.g. "户籍办理"; "" = uncategorised. */
    category: z.string().trim().max(50).default(""),
    /** Item group code (see ItemGroup); left out = the department's group (its code is the department code). */
    groupCode: code.optional(),
    /** Handling-item code (业务办理项编码), as the province knows it; "" = none. */
    handlingCode: z.string().trim().max(64).default(""),
    /** Ticket prefix letter, A–Z. */
    prefix: z.string().regex(/^[A-Z]$/, "prefix must be one capital letter A-Z"),
    kind: ItemKind,
    /** Promised time limit (承诺时限): > 0 for committed items (承诺件), 0 for immediate ones (即办件). */
    promisedLimit: TimeLimit.default({ value: 0, unit: "workingDays" }),
    /** Legal time limit (法定时限); null = not recorded. */
    legalLimit: TimeLimit.nullable().default(null),
    /** True for items the province does not know (not uploaded upward). */
    localOnly: z.boolean().default(false),
    /** Required materials: the one-time notice (一次性告知). */
    materials: z.array(z.string().min(1).max(300)).default([]),
    idCardRequired: z.boolean().default(false),
    hours: z.array(ServiceHours).min(1, "an item needs at least one period of service hours"),
    dailyCap: z.number().int().min(0).nullable().default(null),
    slotCaps: z.array(SlotCap).default([]),
    /** Typical minutes to handle one request, the seed of the moving estimate. */
    typicalMinutes: z.number().positive().max(480),
    active: z.boolean().default(true),
  })
  .refine((i) => i.kind === "immediate" || i.promisedLimit.value > 0, {
    message: "a committed item needs a promised limit > 0",
    path: ["promisedLimit", "value"],
  })
  .refine(
    (i) =>
      i.legalLimit === null ||
      i.legalLimit.value === 0 ||
      i.legalLimit.unit !== i.promisedLimit.unit ||
      i.promisedLimit.value <= i.legalLimit.value,
    { message: "the promised limit must not exceed the legal limit", path: ["promisedLimit", "value"] },
  );
/** A service item as a parsed catalogue holds it: its group resolved (never left out). */
export type ServiceItem = Omit<z.output<typeof ServiceItem>, "groupCode"> & { groupCode: string };

export const Window = z.strictObject({
  /** Window number shown and spoken, e.g. 3. */
  number: z.number().int().min(1).max(9999),
  name: z.string().min(1).max(100),
  area: z.string().max(100).default(""),
  floor: z.string().max(20).default(""),
  /** Item codes this window may serve; null = all items. */
  allowedItems: z.array(code).nullable().default(null),
});
export type Window = z.infer<typeof Window>;

export const Skill = z.strictObject({ itemCode: code, weight: z.number().int().min(1).max(10).default(5) });
export type Skill = z.infer<typeof Skill>;

/** One staff member's skills: each item at most once (one weight per item; the store keys skills by item). */
export const SkillList = z.array(Skill).superRefine((skills, ctx) => {
  const seen = new Set<string>();
  for (const [n, s] of skills.entries()) {
    if (seen.has(s.itemCode))
      ctx.addIssue({
        code: "custom",
        path: [n, "itemCode"],
        message: `item ${s.itemCode} is listed twice: give each item one weight`,
      });
    seen.add(s.itemCode);
  }
});

export const Staff = z.strictObject({
  employeeNo: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, "employee number: 2-32 letters, digits or '-'"),
  name: z.string().min(1).max(50),
  /** Photo as a data: URL or a path under the hall's media directory. */
  photo: z.string().max(200_000).default(""),
  role: Role,
  skills: SkillList.default([]),
});
export type Staff = z.infer<typeof Staff>;

/** Staff entry in an import file: credentials may be set at import, never exported. */
export const StaffImport = Staff.extend({
  pin: Pin.optional(),
  password: NewPassword.optional(),
});
export type StaffImport = z.infer<typeof StaffImport>;

const editionVersion = z.string().trim().min(1, "version must not be blank").max(40);

/** What both format versions share, for the cross-reference checks (loosely typed: also a file that failed parsing). */
export interface CatalogShape {
  departments?: { code?: unknown }[];
  groups?: { code?: unknown }[];
  items?: { code?: unknown; departmentCode?: unknown; groupCode?: unknown }[];
  windows?: { number?: unknown; allowedItems?: unknown[] | null }[];
  staff?: { employeeNo?: unknown; skills?: { itemCode?: unknown }[] }[];
}

/** A problem found by catalogReferenceIssues: the JSON path of the offending value and what is wrong. */
export interface CatalogReferenceIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Duplicates and references: each key once (path: list, index, key field), every item's department and group, and
 * every window's and skill's item known (path down to the offending entry). Checked by the Catalog schemas; exported
 * for readers that report a file's every problem even when other checks fail (zod skips refinements then). Entries
 * whose key is missing or not text/number are skipped (the schema reports those).
 */
export function catalogReferenceIssues(c: CatalogShape): CatalogReferenceIssue[] {
  const issues: CatalogReferenceIssue[] = [];
  const key = (v: unknown) => (typeof v === "string" || typeof v === "number" ? v : undefined);
  const departments = c.departments ?? [];
  const groupList = c.groups ?? [];
  const itemList = c.items ?? [];
  const depts = new Set(departments.map((d) => key(d.code)));
  const groups = new Set(groupList.map((g) => key(g.code)));
  const items = new Set(itemList.map((i) => key(i.code)));
  const dup = (values: unknown[], list: string, field: string) => {
    const seen = new Set<string | number>();
    for (const [n, raw] of values.entries()) {
      const v = key(raw);
      if (v === undefined) continue;
      if (seen.has(v)) issues.push({ path: [list, n, field], message: `duplicate ${list} entry ${String(v)}` });
      seen.add(v);
    }
  };
  dup(
    departments.map((d) => d.code),
    "departments",
    "code",
  );
  dup(
    groupList.map((g) => g.code),
    "groups",
    "code",
  );
  dup(
    itemList.map((i) => i.code),
    "items",
    "code",
  );
  dup(
    (c.windows ?? []).map((w) => w.number),
    "windows",
    "number",
  );
  dup(
    (c.staff ?? []).map((s) => s.employeeNo),
    "staff",
    "employeeNo",
  );
  for (const [n, item] of itemList.entries()) {
    const dept = key(item.departmentCode);
    if (dept !== undefined && !depts.has(dept))
      issues.push({ path: ["items", n, "departmentCode"], message: `unknown department ${dept}` });
    const group = key(item.groupCode);
    if (group !== undefined && !groups.has(group) && !depts.has(group))
      issues.push({
        path: ["items", n, "groupCode"],
        message: `unknown group ${group}: list it under groups, or leave it out for the department's group`,
      });
  }
  for (const [n, w] of (c.windows ?? []).entries())
    for (const [k, raw] of (w.allowedItems ?? []).entries()) {
      const code = key(raw);
      if (code !== undefined && !items.has(code))
        issues.push({ path: ["windows", n, "allowedItems", k], message: `unknown item ${code}` });
    }
  for (const [n, s] of (c.staff ?? []).entries())
    for (const [k, skill] of (s.skills ?? []).entries()) {
      const code = key(skill.itemCode);
      if (code !== undefined && !items.has(code))
        issues.push({ path: ["staff", n, "skills", k, "itemCode"], message: `unknown item ${code}` });
    }
  return issues;
}

function checkReferences(c: CatalogShape, ctx: z.RefinementCtx): void {
  for (const issue of catalogReferenceIssues(c)) ctx.addIssue({ code: "custom", ...issue });
}

/** The version-2 catalogue file as written (before groups are resolved); `z.input` of it is the file's type. */
const CatalogV2File = z
  .strictObject({
    /** The catalogue format version: 2. */
    schemaVersion: z.literal(2),
    /** The data edition, shown on screens and in events; trimmed, and refused when blank. */
    version: editionVersion,
    departments: z.array(Department),
    /** Item groups; a department's own group (its code) need only be listed to name it or set its target wait. */
    groups: z.array(ItemGroup).default([]),
    items: z.array(ServiceItem),
    windows: z.array(Window),
    staff: z.array(StaffImport),
  })
  .superRefine(checkReferences);

type ParsedV2 = z.output<typeof CatalogV2File>;

/**
 * Resolve groups: an item without a group joins its department's (code = department code); every group an item
 * uses is listed, those not in the file with the department's name and the default 15-minute target wait.
 */
function resolveGroups(c: ParsedV2) {
  const deptName = new Map(c.departments.map((d) => [d.code, d.name]));
  const groups: ItemGroup[] = [...c.groups];
  const listed = new Set(groups.map((g) => g.code));
  const items: ServiceItem[] = c.items.map((i) => {
    const groupCode = i.groupCode ?? i.departmentCode;
    if (!listed.has(groupCode)) {
      listed.add(groupCode);
      groups.push({ code: groupCode, name: deptName.get(groupCode) ?? groupCode, targetWaitMinutes: 15 });
    }
    return { ...i, groupCode };
  });
  return { ...c, schemaVersion: 2 as const, groups, items };
}

/**
 * A schema-v2 catalogue validated as written, without resolving groups (no transform): the shape `catalog export`
 * and GET /api/catalog/export give (their items always name a group, and every group is listed), so it can serve as
 * their answer schema and be described as JSON Schema in either direction.
 */
export const CatalogDocument = CatalogV2File;

/** A version-2 catalogue (`schemaVersion: 2`); parsing resolves each item's group (see resolveGroups). */
export const CatalogV2 = CatalogV2File.transform(resolveGroups);

/** A version-1 catalogue after validation, before its upgrade. */
export interface CatalogV1Parsed {
  version: string;
  departments: Department[];
  items: ServiceItemV1[];
  windows: Window[];
  staff: StaffImport[];
}

/** A version-1 catalogue (no `schemaVersion`, or 1); parsing upgrades it to version 2 (see upgradeCatalogV1). */
export const CatalogV1 = z
  .strictObject({
    schemaVersion: z.literal(1).optional(),
    /** Shown on screens and in events; trimmed, and refused when blank. */
    version: editionVersion,
    departments: z.array(Department),
    items: z.array(ServiceItemV1),
    windows: z.array(Window),
    staff: z.array(StaffImport),
  })
  .superRefine(checkReferences)
  .transform(upgradeCatalogV1);

/**
 * A version-1 catalogue as version 2: `promisedDays` becomes a promised limit in working days; no category,
 * handling-item code or legal limit; not local-only; one group per department with the 15-minute target wait.
 */
export function upgradeCatalogV1(v1: CatalogV1Parsed): Catalog {
  return resolveGroups({
    schemaVersion: 2,
    version: v1.version,
    departments: v1.departments,
    groups: [],
    items: v1.items.map(({ promisedDays, ...i }) => ({
      ...i,
      category: "",
      handlingCode: "",
      promisedLimit: { value: promisedDays, unit: "workingDays" as const },
      legalLimit: null,
      localOnly: false,
    })),
    windows: v1.windows,
    staff: v1.staff,
  });
}

/**
 * The catalogue of `catalog import` and `POST /api/catalog/import`: version 2 (`schemaVersion: 2`) or version 1
 * (without it); either way the parsed value is version 2 with groups resolved. An unknown `schemaVersion` is refused.
 */
export const Catalog = z.discriminatedUnion("schemaVersion", [CatalogV2, CatalogV1]);
export type Catalog = z.output<typeof CatalogV2>;
/** A version-2 catalogue file as written (groups, defaults and an item's group may be left out). */
export type CatalogFile = z.input<typeof CatalogV2>;

/**
 * The JSON Schema (draft 2020-12) of the version-2 catalogue file, generated from the zod schemas (what a file may
 * contain; cross-references such as an item's department are checked on import, not by the schema).
 */
export function catalogJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CatalogDocument, { io: "input", target: "draft-2020-12" }),
    $id: "https://onewindow.invalid/schemas/catalog-v2.json",
    title: "OneWindow hall catalogue, schema version 2",
    description:
      "Departments, item groups, service items (事项), windows and staff of one government service hall. " +
      "Documented in hall-server/docs/catalogue.md.",
  };
}

/** Query flags of `POST /api/catalog/import`: "true" or "false"; anything else (or another flag) is refused. */
export const CatalogImportQuery = z.strictObject({
  /** Compute and return the diff and any refusals; change nothing. */
  dryRun: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  /** Apply an import that is refused as destructive (see ImportRefusalCode); audited. */
  force: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type CatalogImportQuery = z.infer<typeof CatalogImportQuery>;

/**
 * How one kind of entry would change: `added` become active (new, or active again), `changed` stay active with the
 * named fields different, `deactivated` are active now and would not be (left out of the file, or `active: false`).
 */
export interface EntryDiff<K extends string | number> {
  added: K[];
  changed: { key: K; fields: string[] }[];
  deactivated: K[];
}

/**
 * What an import would do, keyed by item code, window number, employee number, department and group code.
 * Departments and groups have no active flag: one left out of the file stays as it is, so their `deactivated` is
 * always empty.
 */
export interface CatalogDiff {
  departments: EntryDiff<string>;
  groups: EntryDiff<string>;
  items: EntryDiff<string>;
  windows: EntryDiff<number>;
  staff: EntryDiff<string>;
}

/**
 * Why an import is refused unless forced: it would leave no active admin (`last_admin`), deactivate or demote the
 * admin importing it (`self`), or deactivate every service item (`all_items`) or every window (`all_windows`).
 */
export type ImportRefusalCode = "last_admin" | "self" | "all_items" | "all_windows";
export interface ImportRefusal {
  code: ImportRefusalCode;
  /** Names what would be removed, e.g. "would deactivate you (GW001)". */
  message: string;
}

/** The answer of an import or a dry run: counts of the file's entries, the diff, and refusals. */
export interface CatalogImportResult {
  dryRun: boolean;
  version: string;
  departments: number;
  items: number;
  windows: number;
  staff: number;
  diff: CatalogDiff;
  /** Refusals this import meets (a dry run lists them; an applied import only ever has forced ones). */
  refusals: ImportRefusal[];
  /** Refusals overridden with `force` (empty unless forced). */
  forced: ImportRefusalCode[];
}
