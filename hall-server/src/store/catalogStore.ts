/** Catalogue rows <-> the contract's Catalog JSON (import is an upsert; nothing referenced is ever deleted). */
import type { Catalog, Department, ItemGroup, ServiceItem, Staff, TimeLimitUnit, Window } from "@onewindow/contract";
import type { Db } from "./db.ts";

export interface ItemRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  department_code: string;
  prefix: string;
  kind: "immediate" | "committed";
  /** The promised limit's value, in promised_unit (migration 005). */
  promised_days: number;
  promised_unit: TimeLimitUnit;
  legal_limit: number | null;
  legal_unit: TimeLimitUnit | null;
  category: string;
  group_code: string;
  handling_code: string;
  local_only: number;
  materials: string;
  id_card_required: number;
  hours: string;
  daily_cap: number | null;
  slot_caps: string;
  typical_minutes: number;
  handle_estimate: number;
  active: number;
}
export interface WindowRow {
  id: number;
  number: number;
  name: string;
  area: string;
  floor: string;
  allowed_items: string | null;
  state: "closed" | "open" | "paused";
  staff_id: number | null;
  pause_reason: string | null;
  paused_at: number | null;
  priority_streak: number;
  active: number;
}
export interface StaffRow {
  id: number;
  employee_no: string;
  name: string;
  photo: string;
  role: "staff" | "supervisor" | "admin";
  pin_hash: string | null;
  password_hash: string | null;
  active: number;
}

/** Credentials already hashed by the caller (hashing is slow and async; the import transaction is not). */
export type HashedCredentials = Map<string, { pinHash?: string; passwordHash?: string }>;

/** Upsert a validated catalogue in one transaction. Items, windows and staff left out become inactive. */
export function importCatalog(db: Db, catalog: Catalog, credentials: HashedCredentials): void {
  db.transaction(() => {
    const dept = db.prepare<[string, string, string]>(
      "INSERT INTO departments (code, name, name_en) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en",
    );
    for (const d of catalog.departments) dept.run(d.code, d.name, d.nameEn);
    const group = db.prepare<[string, string, number]>(
      `INSERT INTO item_groups (code, name, target_wait_minutes) VALUES (?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, target_wait_minutes = excluded.target_wait_minutes`,
    );
    for (const g of catalog.groups) group.run(g.code, g.name, g.targetWaitMinutes);

    db.prepare("UPDATE items SET active = 0").run();
    const item = db.prepare(
      `INSERT INTO items (code, name, name_en, department_code, prefix, kind, promised_days, materials, id_card_required,
         hours, daily_cap, slot_caps, typical_minutes, handle_estimate, active, category, group_code, handling_code,
         promised_unit, legal_limit, legal_unit, local_only)
       VALUES (@code, @name, @nameEn, @departmentCode, @prefix, @kind, @promisedValue, @materials, @idCardRequired,
         @hours, @dailyCap, @slotCaps, @typicalMinutes, @typicalMinutes, @active, @category, @groupCode, @handlingCode,
         @promisedUnit, @legalValue, @legalUnit, @localOnly)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
         department_code = excluded.department_code, prefix = excluded.prefix, kind = excluded.kind,
         promised_days = excluded.promised_days, materials = excluded.materials, category = excluded.category,
         group_code = excluded.group_code, handling_code = excluded.handling_code,
         promised_unit = excluded.promised_unit, legal_limit = excluded.legal_limit, legal_unit = excluded.legal_unit,
         local_only = excluded.local_only,
         id_card_required = excluded.id_card_required, hours = excluded.hours, daily_cap = excluded.daily_cap,
         slot_caps = excluded.slot_caps, typical_minutes = excluded.typical_minutes, active = excluded.active`,
    );
    for (const { promisedLimit, legalLimit, ...i } of catalog.items)
      item.run({
        ...i,
        promisedValue: promisedLimit.value,
        promisedUnit: promisedLimit.unit,
        legalValue: legalLimit?.value ?? null,
        legalUnit: legalLimit?.unit ?? null,
        localOnly: i.localOnly ? 1 : 0,
        materials: JSON.stringify(i.materials),
        idCardRequired: i.idCardRequired ? 1 : 0,
        hours: JSON.stringify(i.hours),
        slotCaps: JSON.stringify(i.slotCaps),
        active: i.active ? 1 : 0,
      });

    db.prepare("UPDATE windows SET active = 0").run();
    const win = db.prepare(
      `INSERT INTO windows (number, name, area, floor, allowed_items, active) VALUES (@number, @name, @area, @floor, @allowed, 1)
       ON CONFLICT(number) DO UPDATE SET name = excluded.name, area = excluded.area, floor = excluded.floor,
         allowed_items = excluded.allowed_items, active = 1`,
    );
    for (const w of catalog.windows)
      win.run({ ...w, allowed: w.allowedItems === null ? null : JSON.stringify(w.allowedItems) });

    db.prepare("UPDATE staff SET active = 0").run();
    const staff = db.prepare(
      `INSERT INTO staff (employee_no, name, photo, role, pin_hash, password_hash, active)
       VALUES (@employeeNo, @name, @photo, @role, @pinHash, @passwordHash, 1)
       ON CONFLICT(employee_no) DO UPDATE SET name = excluded.name, photo = excluded.photo, role = excluded.role,
         pin_hash = coalesce(excluded.pin_hash, staff.pin_hash),
         password_hash = coalesce(excluded.password_hash, staff.password_hash), active = 1`,
    );
    const staffId = db.prepare<[string], { id: number }>("SELECT id FROM staff WHERE employee_no = ?");
    const itemId = db.prepare<[string], { id: number }>("SELECT id FROM items WHERE code = ?");
    const clearSkills = db.prepare<[number]>("DELETE FROM skills WHERE staff_id = ?");
    const skill = db.prepare<[number, number, number]>(
      "INSERT INTO skills (staff_id, item_id, weight) VALUES (?, ?, ?)",
    );
    for (const s of catalog.staff) {
      const creds = credentials.get(s.employeeNo) ?? {};
      staff.run({
        employeeNo: s.employeeNo,
        name: s.name,
        photo: s.photo,
        role: s.role,
        pinHash: creds.pinHash ?? null,
        passwordHash: creds.passwordHash ?? null,
      });
      const sid = staffId.get(s.employeeNo)!.id;
      clearSkills.run(sid);
      for (const k of s.skills) skill.run(sid, itemId.get(k.itemCode)!.id, k.weight);
    }
    db.prepare(
      "INSERT INTO settings (key, value) VALUES ('catalogVersion', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(catalog.version);
  })();
}

/** The active catalogue as importable JSON (schema version 2, every group), without credentials. */
export function exportCatalog(db: Db): Omit<Catalog, "staff"> & { staff: Staff[] } {
  const version =
    db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'catalogVersion'").get()?.value ?? "0";
  const departments: Department[] = db
    .prepare<[], { code: string; name: string; name_en: string }>("SELECT * FROM departments ORDER BY code")
    .all()
    .map((d) => ({ code: d.code, name: d.name, nameEn: d.name_en }));
  const groups: ItemGroup[] = db
    .prepare<[], { code: string; name: string; target_wait_minutes: number }>("SELECT * FROM item_groups ORDER BY code")
    .all()
    .map((g) => ({ code: g.code, name: g.name, targetWaitMinutes: g.target_wait_minutes }));
  const itemRows = db.prepare<[], ItemRow>("SELECT * FROM items WHERE active = 1 ORDER BY id").all();
  const items: ServiceItem[] = itemRows.map(itemFromRow);
  const windows: Window[] = db
    .prepare<[], WindowRow>("SELECT * FROM windows WHERE active = 1 ORDER BY number")
    .all()
    .map((w) => ({
      number: w.number,
      name: w.name,
      area: w.area,
      floor: w.floor,
      allowedItems: w.allowed_items === null ? null : (JSON.parse(w.allowed_items) as string[]),
    }));
  const skillRows = db
    .prepare<[], { staff_id: number; code: string; weight: number }>(
      "SELECT s.staff_id, i.code, s.weight FROM skills s JOIN items i ON i.id = s.item_id ORDER BY i.id",
    )
    .all();
  const staff: Staff[] = db
    .prepare<[], StaffRow>("SELECT * FROM staff WHERE active = 1 ORDER BY employee_no")
    .all()
    .map((s) => ({
      employeeNo: s.employee_no,
      name: s.name,
      photo: s.photo,
      role: s.role,
      skills: skillRows.filter((k) => k.staff_id === s.id).map((k) => ({ itemCode: k.code, weight: k.weight })),
    }));
  return { schemaVersion: 2, version, departments, groups, items, windows, staff };
}

/** A service item row as the contract's ServiceItem. */
export function itemFromRow(i: ItemRow): ServiceItem {
  return {
    code: i.code,
    name: i.name,
    nameEn: i.name_en,
    departmentCode: i.department_code,
    prefix: i.prefix,
    kind: i.kind,
    category: i.category,
    // Rows from before migration 005 got their department's group; '' only if written around the import.
    groupCode: i.group_code || i.department_code,
    handlingCode: i.handling_code,
    promisedLimit: { value: i.promised_days, unit: i.promised_unit },
    legalLimit: i.legal_limit === null || i.legal_unit === null ? null : { value: i.legal_limit, unit: i.legal_unit },
    localOnly: i.local_only === 1,
    materials: JSON.parse(i.materials) as string[],
    idCardRequired: i.id_card_required === 1,
    hours: JSON.parse(i.hours) as ServiceItem["hours"],
    dailyCap: i.daily_cap,
    slotCaps: JSON.parse(i.slot_caps) as ServiceItem["slotCaps"],
    typicalMinutes: i.typical_minutes,
    active: i.active === 1,
  };
}

/** A staff member's skill row: item id and weight 1-10. */
export interface SkillRow {
  staff_id: number;
  item_id: number;
  weight: number;
}

/**
 * Catalogue rows as the running hall reads and changes them between imports: the in-memory cache's source, the
 * moving handle-time estimate, skills and credential hashes. Statements prepared once per database.
 */
export class CatalogStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      items: db.prepare<[], ItemRow>("SELECT * FROM items"),
      groups: db.prepare<[], { code: string; name: string; target_wait_minutes: number }>(
        "SELECT * FROM item_groups ORDER BY code",
      ),
      windows: db.prepare<[], WindowRow>("SELECT * FROM windows"),
      staff: db.prepare<[], StaffRow>("SELECT * FROM staff"),
      skills: db.prepare<[], SkillRow>("SELECT * FROM skills"),
      version: db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'catalogVersion'"),
      handleEstimate: db.prepare<[number, number]>("UPDATE items SET handle_estimate = ? WHERE id = ?"),
      clearSkills: db.prepare<[number]>("DELETE FROM skills WHERE staff_id = ?"),
      addSkill: db.prepare<[number, number, number]>("INSERT INTO skills (staff_id, item_id, weight) VALUES (?, ?, ?)"),
      credentials: db.prepare<[number], Pick<StaffRow, "pin_hash" | "password_hash">>(
        "SELECT pin_hash, password_hash FROM staff WHERE id = ?",
      ),
    };
  }

  /** Every item, item group, window, staff member (active or not) and skill, and the catalogue version. */
  all(): {
    items: ItemRow[];
    groups: ItemGroup[];
    windows: WindowRow[];
    staff: StaffRow[];
    skills: SkillRow[];
    version: string;
  } {
    return {
      items: this.s.items.all(),
      groups: this.s.groups
        .all()
        .map((g) => ({ code: g.code, name: g.name, targetWaitMinutes: g.target_wait_minutes })),
      windows: this.s.windows.all(),
      staff: this.s.staff.all(),
      skills: this.s.skills.all(),
      version: this.s.version.get()?.value ?? "0",
    };
  }

  /** Store an item's moving handle-time estimate (minutes). */
  setHandleEstimate(itemId: number, minutes: number): void {
    this.s.handleEstimate.run(minutes, itemId);
  }

  /** Replace a staff member's skills (item id -> weight 1-10). */
  replaceSkills(staffId: number, skills: { itemId: number; weight: number }[]): void {
    this.s.clearSkills.run(staffId);
    for (const k of skills) this.s.addSkill.run(staffId, k.itemId, k.weight);
  }

  /** A staff member's PIN and password hashes (either may be null), if the row exists. */
  credentials(staffId: number): Pick<StaffRow, "pin_hash" | "password_hash"> | undefined {
    return this.s.credentials.get(staffId);
  }

  /** See `importCatalog`. */
  import(catalog: Catalog, credentials: HashedCredentials): void {
    importCatalog(this.db, catalog, credentials);
  }

  /** See `exportCatalog`. */
  export(): ReturnType<typeof exportCatalog> {
    return exportCatalog(this.db);
  }
}
