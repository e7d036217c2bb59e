/**
 * What a catalogue import would change, and whether it is too destructive to apply without `force`. Pure: the
 * current catalogue (its active entries, as `catalog export` gives them) and the file in, a diff and refusals out.
 *
 *   current (active entries) ─┐
 *                              ├─> diffCatalog ─> { diff, refusals }
 *   file (validated Catalog) ──┘        ^ caller's employee number (none for the CLI)
 *
 * The refusals guard the one mistake an import can make that no admin can undo from the admin page: a hall left
 * without items, windows or an admin (before this, an empty file did exactly that; only the CLI could recover).
 */
import type {
  Catalog,
  CatalogDiff,
  Department,
  EntryDiff,
  ImportRefusal,
  ItemGroup,
  ServiceItem,
  Staff,
  Window,
} from "@onewindow/contract";

/** The catalogue as it stands: active items, windows and staff; every department and item group. */
export interface CurrentCatalog {
  departments: Department[];
  groups: ItemGroup[];
  items: ServiceItem[];
  windows: Window[];
  staff: Staff[];
}

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function diffEntries<T, K extends string | number>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (entry: T) => K,
  fields: Record<string, (entry: T) => unknown>,
): EntryDiff<K> {
  const old = new Map(before.map((e) => [keyOf(e), e]));
  const now = new Map(after.map((e) => [keyOf(e), e]));
  const diff: EntryDiff<K> = { added: [], changed: [], deactivated: [] };
  for (const [key, entry] of now) {
    const was = old.get(key);
    if (!was) {
      diff.added.push(key);
      continue;
    }
    const changed = Object.entries(fields)
      .filter(([, get]) => canonical(get(was)) !== canonical(get(entry)))
      .map(([name]) => name);
    if (changed.length > 0) diff.changed.push({ key, fields: changed });
  }
  for (const key of old.keys()) if (!now.has(key)) diff.deactivated.push(key);
  return diff;
}

const itemFields: Record<string, (i: ServiceItem) => unknown> = Object.fromEntries(
  (
    [
      "name",
      "nameEn",
      "departmentCode",
      "prefix",
      "kind",
      "category",
      "groupCode",
      "handlingCode",
      "promisedLimit",
      "legalLimit",
      "localOnly",
      "materials",
      "idCardRequired",
      "hours",
      "dailyCap",
      "slotCaps",
      "typicalMinutes",
    ] as const
  ).map((f) => [f, (i: ServiceItem) => i[f]]),
);

type StaffEntry = Staff & { pin?: string; password?: string };

/**
 * The diff of importing `file` over `current`, and the refusals it meets. `callerEmployeeNo` is the admin
 * importing it over the API (the CLI has none). Keys: item code, window number, employee number, department code.
 */
export function diffCatalog(
  current: CurrentCatalog,
  file: Catalog,
  callerEmployeeNo?: string,
): { diff: CatalogDiff; refusals: ImportRefusal[] } {
  const fileStaff: StaffEntry[] = file.staff;
  const diff: CatalogDiff = {
    departments: diffEntries(
      current.departments,
      // A department left out of the file stays: only the listed ones can be added or changed.
      [...current.departments.filter((d) => !file.departments.some((f) => f.code === d.code)), ...file.departments],
      (d) => d.code,
      { name: (d) => d.name, nameEn: (d) => d.nameEn },
    ),
    groups: diffEntries(
      current.groups,
      // Like departments, a group left out of the file stays.
      [...current.groups.filter((g) => !file.groups.some((f) => f.code === g.code)), ...file.groups],
      (g) => g.code,
      { name: (g) => g.name, targetWaitMinutes: (g) => g.targetWaitMinutes },
    ),
    items: diffEntries(
      current.items,
      file.items.filter((i) => i.active),
      (i) => i.code,
      itemFields,
    ),
    windows: diffEntries(current.windows, file.windows, (w) => w.number, {
      name: (w) => w.name,
      area: (w) => w.area,
      floor: (w) => w.floor,
      allowedItems: (w) => w.allowedItems,
    }),
    staff: diffEntries<StaffEntry, string>(current.staff, fileStaff, (s) => s.employeeNo, {
      name: (s) => s.name,
      photo: (s) => s.photo,
      role: (s) => s.role,
      skills: (s) => [...s.skills].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1)),
      // A credential in the file replaces the stored one (it cannot be compared: only its hash is kept).
      pin: (s) => s.pin !== undefined,
      password: (s) => s.password !== undefined,
    }),
  };

  const refusals: ImportRefusal[] = [];
  const admins = (staff: readonly Staff[]) => staff.filter((s) => s.role === "admin").map((s) => s.employeeNo);
  const adminsBefore = admins(current.staff);
  if (adminsBefore.length > 0 && admins(file.staff).length === 0)
    refusals.push({
      code: "last_admin",
      message: `would leave the hall without an active admin (${adminsBefore.join(", ")} would be deactivated or demoted)`,
    });
  if (callerEmployeeNo !== undefined) {
    const after = file.staff.find((s) => s.employeeNo === callerEmployeeNo);
    if (!after) refusals.push({ code: "self", message: `would deactivate you (${callerEmployeeNo})` });
    else if (after.role !== "admin")
      refusals.push({
        code: "self",
        message: `would make you (${callerEmployeeNo}) a ${after.role}, no longer an admin`,
      });
  }
  if (current.items.length > 0 && !file.items.some((i) => i.active))
    refusals.push({ code: "all_items", message: `would deactivate every service item (${current.items.length})` });
  if (current.windows.length > 0 && file.windows.length === 0)
    refusals.push({ code: "all_windows", message: `would deactivate every window (${current.windows.length})` });
  return { diff, refusals };
}
