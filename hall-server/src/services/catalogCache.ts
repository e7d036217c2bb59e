/** The catalogue held in memory (it is small and read on every request); reloaded after an import. */
import type { ItemGroup, ServiceItem } from "@onewindow/contract";
import { itemFromRow, type CatalogStore, type StaffRow } from "../store/catalogStore.ts";

export interface CachedItem extends ServiceItem {
  id: number;
  handleEstimate: number;
}
export interface CachedWindow {
  id: number;
  number: number;
  name: string;
  area: string;
  floor: string;
  /** Item ids this window may serve; null = all. */
  allowedItemIds: Set<number> | null;
  active: boolean;
}
export interface CachedStaff {
  id: number;
  employeeNo: string;
  name: string;
  photo: string;
  role: StaffRow["role"];
  active: boolean;
  /** item id -> weight */
  skills: Map<number, number>;
}

export class CatalogCache {
  itemsById = new Map<number, CachedItem>();
  itemsByCode = new Map<string, CachedItem>();
  windowsById = new Map<number, CachedWindow>();
  windowsByNumber = new Map<number, CachedWindow>();
  staffById = new Map<number, CachedStaff>();
  staffByNo = new Map<string, CachedStaff>();
  /** Item groups by code: an item's `groupCode` names one (target wait in minutes, for staffing advice). */
  groupsByCode = new Map<string, ItemGroup>();
  version = "0";
  private areas = new Map<number, string[]>();

  constructor(private readonly store: CatalogStore) {
    this.reload();
  }

  reload(): void {
    this.areas = new Map();
    const { items, groups, windows, staff, skills, version } = this.store.all();
    this.groupsByCode = new Map(groups.map((g) => [g.code, g]));
    this.itemsById = new Map(
      items.map((r) => [r.id, { ...itemFromRow(r), id: r.id, handleEstimate: r.handle_estimate }]),
    );
    this.itemsByCode = new Map([...this.itemsById.values()].map((i) => [i.code, i]));
    this.windowsById = new Map(
      windows.map((w) => [
        w.id,
        {
          id: w.id,
          number: w.number,
          name: w.name,
          area: w.area,
          floor: w.floor,
          active: w.active === 1,
          allowedItemIds:
            w.allowed_items === null
              ? null
              : new Set(
                  (JSON.parse(w.allowed_items) as string[]).flatMap((c) => {
                    const item = this.itemsByCode.get(c);
                    return item ? [item.id] : [];
                  }),
                ),
        },
      ]),
    );
    this.windowsByNumber = new Map([...this.windowsById.values()].map((w) => [w.number, w]));
    this.staffById = new Map(
      staff.map((s) => [
        s.id,
        {
          id: s.id,
          employeeNo: s.employee_no,
          name: s.name,
          photo: s.photo,
          role: s.role,
          active: s.active === 1,
          skills: new Map(skills.filter((k) => k.staff_id === s.id).map((k) => [k.item_id, k.weight])),
        },
      ]),
    );
    this.staffByNo = new Map([...this.staffById.values()].map((s) => [s.employeeNo, s]));
    this.version = version;
  }

  item(code: string): CachedItem | undefined {
    const item = this.itemsByCode.get(code);
    return item?.active ? item : undefined;
  }

  /** Whether a staff member at a window may serve an item (the test behind `eligibleItems`, without building it). */
  mayServe(staffId: number, windowId: number, itemId: number): boolean {
    const window = this.windowsById.get(windowId);
    return (
      this.staffById.get(staffId)?.skills.has(itemId) === true &&
      this.itemsById.get(itemId)?.active === true &&
      window !== undefined &&
      (window.allowedItemIds === null || window.allowedItemIds.has(itemId))
    );
  }

  /** Where to wait for an item: "floor area" of the active windows that may serve it, sorted, memoised. */
  areasServing(itemId: number): string[] {
    let areas = this.areas.get(itemId);
    if (!areas) {
      const out = new Set<string>();
      for (const w of this.windowsById.values())
        if (w.active && (w.allowedItemIds === null || w.allowedItemIds.has(itemId)))
          out.add([w.floor, w.area].filter(Boolean).join(" "));
      this.areas.set(itemId, (areas = [...out].filter(Boolean).sort()));
    }
    return areas;
  }

  /** Numbers of the active windows that may serve an item, ascending (printed on its tickets). */
  windowsServing(itemId: number): number[] {
    return [...this.windowsById.values()]
      .filter((w) => w.active && (w.allowedItemIds === null || w.allowedItemIds.has(itemId)))
      .map((w) => w.number)
      .sort((a, b) => a - b);
  }

  /** Items a staff member may serve at a window: skills ∩ the window's allowed items, with the skill weight. */
  eligibleItems(staffId: number, windowId: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const [itemId, weight] of this.staffById.get(staffId)?.skills ?? [])
      if (this.mayServe(staffId, windowId, itemId)) out.set(itemId, weight);
    return out;
  }
}
