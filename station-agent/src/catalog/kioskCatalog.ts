/**
 * The catalogue as a kiosk page shows it (contract KioskCatalog), made from the hall-server's GET /api/catalog: active
 * items only, no staff, each item's pinyin initials computed here once per read (pinyin-pro stays out of the page's
 * bundle). Pure.
 */
import { pinyin } from "pinyin-pro";
import type { CatalogDocument, KioskCatalog } from "@onewindow/contract";
import type { z } from "zod";

type CatalogAnswer = z.infer<typeof CatalogDocument>;

/** Pinyin initials of `name`, lower case, letters and digits only: "户籍办理" -> "hjbl", "A1 证明" -> "a1zm". */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The kiosk's view of the hall-server's catalogue answer. */
export function kioskCatalogOf(catalog: CatalogAnswer): KioskCatalog {
  return {
    departments: catalog.departments.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn })),
    items: catalog.items
      .filter((i) => i.active)
      .map((i) => ({
        code: i.code,
        name: i.name,
        nameEn: i.nameEn,
        departmentCode: i.departmentCode,
        category: i.category,
        kind: i.kind,
        promisedLimit: i.promisedLimit,
        materials: i.materials,
        idCardRequired: i.idCardRequired,
        hours: i.hours,
        dailyCap: i.dailyCap,
        initials: initialsOf(i.name),
      })),
    windows: catalog.windows.map((w) => ({
      number: w.number,
      area: w.area,
      floor: w.floor,
      allowedItems: w.allowedItems,
    })),
  };
}
