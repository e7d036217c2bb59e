/**
 * The hall's catalogue: departments, service items (事项), windows and staff. This is also the JSON format of
 * `hall-server catalog import|export`. Every object is strict: an unknown key (a typo such as "wieght") is refused
 * with its path named, never silently dropped.
 */
import { z } from "zod";
import { ItemKind, Role } from "./enums.ts";

const code = z.string().trim().min(1).max(64);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time must be HH:MM (24 h)");

/** Opening hours on one weekday (1 = Monday … 7 = Sunday). */
export const ServiceHours = z
  .strictObject({ weekdays: z.array(z.number().int().min(1).max(7)).min(1), open: hhmm, close: hhmm })
  .refine((h) => h.open < h.close, { message: "open must be before close" });
export type ServiceHours = z.infer<typeof ServiceHours>;

/** A per-time-slot cap: at most `cap` tickets issued between `start` and `end` each day. */
export const SlotCap = z
  .strictObject({ start: hhmm, end: hhmm, cap: z.number().int().min(0) })
  .refine((s) => s.start < s.end, { message: "slot start must be before end" });
export type SlotCap = z.infer<typeof SlotCap>;

export const Department = z.strictObject({
  code,
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).default(""),
});
export type Department = z.infer<typeof Department>;

export const ServiceItem = z
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
export type ServiceItem = z.infer<typeof ServiceItem>;

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
  pin: z
    .string()
    .regex(/^\d{6,12}$/, "PIN must be 6-12 digits")
    .optional(),
  password: z.string().min(8).max(200).optional(),
});
export type StaffImport = z.infer<typeof StaffImport>;

export const Catalog = z
  .strictObject({
    /** Shown on screens and in events; trimmed, and refused when blank. */
    version: z.string().trim().min(1, "version must not be blank").max(40),
    departments: z.array(Department),
    items: z.array(ServiceItem),
    windows: z.array(Window),
    staff: z.array(StaffImport),
  })
  .superRefine((c, ctx) => {
    const depts = new Set(c.departments.map((d) => d.code));
    const items = new Set(c.items.map((i) => i.code));
    const dup = (values: (string | number)[], path: string) => {
      const seen = new Set<string | number>();
      for (const v of values) {
        if (seen.has(v))
          ctx.addIssue({ code: "custom", path: [path], message: `duplicate ${path} entry ${String(v)}` });
        seen.add(v);
      }
    };
    dup(
      c.departments.map((d) => d.code),
      "departments",
    );
    dup(
      c.items.map((i) => i.code),
      "items",
    );
    dup(
      c.windows.map((w) => w.number),
      "windows",
    );
    dup(
      c.staff.map((s) => s.employeeNo),
      "staff",
    );
    for (const [n, item] of c.items.entries())
      if (!depts.has(item.departmentCode))
        ctx.addIssue({
          code: "custom",
          path: ["items", n, "departmentCode"],
          message: `unknown department ${item.departmentCode}`,
        });
    for (const [n, w] of c.windows.entries())
      for (const code of w.allowedItems ?? [])
        if (!items.has(code))
          ctx.addIssue({ code: "custom", path: ["windows", n, "allowedItems"], message: `unknown item ${code}` });
    for (const [n, s] of c.staff.entries())
      for (const skill of s.skills)
        if (!items.has(skill.itemCode))
          ctx.addIssue({ code: "custom", path: ["staff", n, "skills"], message: `unknown item ${skill.itemCode}` });
  });
export type Catalog = z.infer<typeof Catalog>;

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
 * What an import would do, keyed by item code, window number, employee number and department code. Departments
 * have no active flag: one left out of the file stays as it is, so `departments.deactivated` is always empty.
 */
export interface CatalogDiff {
  departments: EntryDiff<string>;
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
