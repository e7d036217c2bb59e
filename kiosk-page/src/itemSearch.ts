/**
 * Finding a service item at the kiosk: by part of its name (Chinese or English), by its pinyin initials
 * ("hjbl" for 户籍办理, computed by the agent when it reads the catalogue) or by part of its item code. Pure.
 */
import type { KioskItem } from "@onewindow/contract";

/**
 * The items matching `query` (trimmed, case-insensitive; spaces ignored), best first: initials or code that start
 * with it, then name, initials or code containing it; the catalogue's order within each. An empty query matches none.
 */
export function searchItems(items: readonly KioskItem[], query: string): KioskItem[] {
  const q = query.replace(/\s+/g, "").toLowerCase();
  if (q === "") return [];
  const rank = (item: KioskItem): number => {
    const code = item.code.toLowerCase();
    if (item.initials.startsWith(q) || code.startsWith(q)) return 0;
    if (item.name.replace(/\s+/g, "").toLowerCase().includes(q)) return 1;
    if (item.nameEn.replace(/\s+/g, "").toLowerCase().includes(q)) return 1;
    if (item.initials.includes(q) || code.includes(q)) return 2;
    return -1;
  };
  return items
    .map((item, at) => ({ item, at, rank: rank(item) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .map((r) => r.item);
}
