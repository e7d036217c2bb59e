/** The catalogue as the screens list it: groups (categories or departments) with items, and items' names. */
import type { KioskCatalog, KioskItem } from "@onewindow/contract";

/** An item's name in `locale` (its English name when it has one). */
export function itemName(item: KioskItem, locale: string): string {
  return locale === "en" && item.nameEn !== "" ? item.nameEn : item.name;
}

/** The categories (key = category, "" for uncategorised, listed last) or departments (key = code) that have items. */
export function groupsOf(
  catalog: KioskCatalog | null,
  by: "category" | "department",
  locale: string,
): { key: string; label: string }[] {
  if (!catalog) return [];
  if (by === "department")
    return catalog.departments
      .filter((d) => catalog.items.some((i) => i.departmentCode === d.code))
      .map((d) => ({ key: d.code, label: locale === "en" && d.nameEn !== "" ? d.nameEn : d.name }));
  const categories = [...new Set(catalog.items.map((i) => i.category))];
  return [...categories.filter((c) => c !== ""), ...categories.filter((c) => c === "")].map((c) => ({
    key: c,
    label: c,
  }));
}

/** The items of group `key`. */
export function itemsOf(catalog: KioskCatalog | null, by: "category" | "department", key: string | null): KioskItem[] {
  if (!catalog || key === null) return [];
  return catalog.items.filter((i) => (by === "category" ? i.category === key : i.departmentCode === key));
}

/** The item whose code is `code`, if the catalogue has it. */
export function itemByCode(catalog: KioskCatalog | null, code: string | null): KioskItem | undefined {
  return catalog?.items.find((i) => i.code === code);
}
