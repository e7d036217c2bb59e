/**
 * The demo hall (`demoCatalog.json`): a district government service centre (区政务服务中心) used by `npm run demo`,
 * the browser tests and screenshots. These tests hold the data to the hall-server issue: it must import cleanly,
 * have the promised size, and be internally coherent, so every item can actually be ticketed, called and served.
 *
 * Item code layout (事项编码, 30 characters, the shape of the national implementation code):
 *   18-char 统一社会信用代码 of the department (GB 32100) | 2-digit item category | 5-digit main item
 *   | 3-digit sub-item | 2-digit handling item
 */
import { describe, expect, it } from "vitest";
import { Catalog } from "@onewindow/contract";
import demoJson from "./demoCatalog.json" with { type: "json" };

let parsed: Catalog | undefined;
function demo(): Catalog {
  parsed ??= Catalog.parse(demoJson);
  return parsed;
}

// GB 32100-2015: the credit code alphabet (no I, O, S, V, Z) and the weights of positions 1..17.
const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714-1997: weights of the 8 body characters of an organisation code; its 9th character is the check.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCodeValid(code: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return false;
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = [...code.slice(0, 8)].reduce((acc, c, i) => acc + value(c) * (ORG_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return code[8] === (check === 10 ? "X" : check === 11 ? "0" : String(check));
}

function creditCodeValid(code: string): boolean {
  if (code.length !== 18 || [...code].some((c) => !CREDIT_ALPHABET.includes(c))) return false;
  const sum = [...code.slice(0, 17)].reduce(
    (acc, c, i) => acc + CREDIT_ALPHABET.indexOf(c) * (CREDIT_WEIGHTS[i] ?? 0),
    0,
  );
  return code[17] === CREDIT_ALPHABET[(31 - (sum % 31)) % 31] && orgCodeValid(code.slice(8, 17));
}

// The hall's ticket letters by department (A 综合受理 … H 公积金); 人社 and 医保 share one 社保医保 queue.
const PREFIX_BY_DEPARTMENT: Readonly<Record<string, string>> = {
  区政务服务数据管理局: "A",
  区公安分局: "B",
  区市场监督管理局: "C",
  区人力资源和社会保障局: "D",
  区医疗保障局: "D",
  区不动产登记中心: "E",
  区税务局: "F",
  区民政局: "G",
  市住房公积金管理中心区管理部: "H",
};

const ITEM_CATEGORIES = new Set(["01", "05", "07", "20"]); // 行政许可, 行政给付, 行政确认, 公共服务

describe("check-digit helpers used below", () => {
  it("when a textbook organisation code is checked, then it passes and a one-character typo fails", () => {
    expect(orgCodeValid("123456788")).toBe(true);
    expect(orgCodeValid("123456789")).toBe(false);
  });

  it("when a demo department code has one character changed, then the credit-code check fails", () => {
    const code = demo().departments[0]?.code ?? "";
    expect(creditCodeValid(code)).toBe(true);
    const swapped = code.slice(0, 12) + (code[12] === "1" ? "2" : "1") + code.slice(13);
    expect(creditCodeValid(swapped)).toBe(false);
  });
});

describe("demo hall catalogue", () => {
  it("when the JSON is parsed with the contract schema, then it is accepted unchanged in its version", () => {
    expect(() => Catalog.parse(demoJson)).not.toThrow();
    expect(demo().version).toBe("2026.11-demo");
  });

  it("when counted, then it has at least 7 departments, 30 items, 12 windows and 20 staff", () => {
    const c = demo();
    expect(c.departments.length).toBeGreaterThanOrEqual(7);
    expect(c.items.length).toBeGreaterThanOrEqual(30);
    expect(c.windows.map((w) => w.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(c.staff.map((s) => s.employeeNo).sort()).toEqual(
      Array.from({ length: 20 }, (_, n) => `GW${String(n + 1).padStart(3, "0")}`),
    );
  });

  it("when staff roles are counted, then there are 16 staff, 3 supervisors and 1 admin", () => {
    const roles = demo().staff.map((s) => s.role);
    expect(roles.filter((r) => r === "staff")).toHaveLength(16);
    expect(roles.filter((r) => r === "supervisor")).toHaveLength(3);
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
  });

  it("when demo credentials are read, then everyone has PIN 123456 and only the admin has a password", () => {
    for (const s of demo().staff) {
      expect(s.pin, s.employeeNo).toBe("123456");
      expect(s.photo, s.employeeNo).toBe("");
      expect(s.password, s.employeeNo).toBe(s.role === "admin" ? "onewindow-admin" : undefined);
    }
  });

  it("when department codes are checked, then each is a valid district-agency credit code (11 + 441702)", () => {
    for (const d of demo().departments) {
      expect(d.code, d.name).toMatch(/^11441702/);
      expect(creditCodeValid(d.code), d.code).toBe(true);
      expect(d.nameEn, d.name).not.toBe("");
    }
  });

  it("when item codes are checked, then each is unique, 30 characters and starts with its department code", () => {
    const items = demo().items;
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const i of items) {
      expect(i.code, i.name).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\d{12}$/);
      expect(i.code.slice(0, 18), i.name).toBe(i.departmentCode);
      expect(ITEM_CATEGORIES.has(i.code.slice(18, 20)), i.code).toBe(true);
    }
  });

  it("when prefixes are grouped by department, then each department has one letter from the hall's A–H map", () => {
    const c = demo();
    for (const d of c.departments) {
      const letters = new Set(c.items.filter((i) => i.departmentCode === d.code).map((i) => i.prefix));
      expect(letters.size, `${d.name} must have items under exactly one letter`).toBe(1);
      expect([...letters][0], d.name).toBe(PREFIX_BY_DEPARTMENT[d.name]);
    }
    expect(new Set(c.items.map((i) => i.prefix))).toEqual(new Set("ABCDEFGH"));
  });

  it("when materials are read, then every item lists 3 to 8 distinct non-blank documents", () => {
    for (const i of demo().items) {
      expect(i.materials.length, i.name).toBeGreaterThanOrEqual(3);
      expect(i.materials.length, i.name).toBeLessThanOrEqual(8);
      expect(new Set(i.materials).size, i.name).toBe(i.materials.length);
      for (const m of i.materials) expect(m.trim(), i.name).not.toBe("");
    }
  });

  it("when kinds and times are read, then immediate items promise 0 days and all take 5–40 typical minutes", () => {
    const items = demo().items;
    for (const i of items) {
      expect(i.promisedLimit.value === 0, i.name).toBe(i.kind === "immediate");
      expect(i.typicalMinutes, i.name).toBeGreaterThanOrEqual(5);
      expect(i.typicalMinutes, i.name).toBeLessThanOrEqual(40);
    }
    expect(items.some((i) => i.kind === "immediate")).toBe(true);
    expect(items.some((i) => i.kind === "committed")).toBe(true);
    expect(items.filter((i) => i.idCardRequired).length).toBeGreaterThan(items.length / 2);
  });

  it("when hours are read, then every item opens Mon–Fri 09:00–12:00 and 13:30–17:00, Saturday mornings only", () => {
    const items = demo().items;
    const weekdays = [1, 2, 3, 4, 5];
    for (const i of items) {
      expect(i.hours, i.name).toContainEqual({ weekdays, open: "09:00", close: "12:00" });
      expect(i.hours, i.name).toContainEqual({ weekdays, open: "13:30", close: "17:00" });
      for (const h of i.hours.filter((x) => x.weekdays.includes(6)))
        expect([h.open, h.close], i.name).toEqual(["09:00", "12:00"]);
      expect(
        i.hours.some((h) => h.weekdays.includes(7)),
        i.name,
      ).toBe(false);
    }
    expect(items.some((i) => i.hours.some((h) => h.weekdays.includes(6)))).toBe(true);
  });

  it("when caps are read, then slot caps lie inside opening hours and never promise more than the daily cap", () => {
    const items = demo().items;
    for (const i of items) {
      for (const s of i.slotCaps)
        expect(
          i.hours.some((h) => h.open <= s.start && s.end <= h.close),
          `${i.name} slot ${s.start}-${s.end}`,
        ).toBe(true);
      if (i.dailyCap !== null && i.slotCaps.length > 0)
        expect(
          i.slotCaps.reduce((sum, s) => sum + s.cap, 0),
          i.name,
        ).toBeLessThanOrEqual(i.dailyCap);
    }
    expect(items.filter((i) => i.dailyCap !== null).length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.slotCaps.length > 0).length).toBeGreaterThanOrEqual(2);
  });

  it("when skills are matched to items, then every item has at least 2 qualified staff", () => {
    const c = demo();
    for (const i of c.items) {
      const qualified = c.staff.filter((s) => s.skills.some((k) => k.itemCode === i.code));
      expect(qualified.length, `${i.code} ${i.name}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("when skills are read, then no staff member lists an item twice", () => {
    for (const s of demo().staff) expect(new Set(s.skills.map((k) => k.itemCode)).size, s.name).toBe(s.skills.length);
  });

  it("when windows are matched to items, then every item is servable by at least one window", () => {
    const c = demo();
    for (const i of c.items) {
      const windows = c.windows.filter((w) => w.allowedItems === null || w.allowedItems.includes(i.code));
      expect(windows.length, `${i.code} ${i.name}`).toBeGreaterThanOrEqual(1);
    }
    // 一窗综合受理: some windows take everything, the rest are restricted to one department group.
    expect(c.windows.filter((w) => w.allowedItems === null).length).toBeGreaterThanOrEqual(2);
    expect(c.windows.filter((w) => w.allowedItems !== null).length).toBeGreaterThanOrEqual(6);
  });

  it("when windows are read, then each sits in area A/B/C on floor 1F or 2F", () => {
    for (const w of demo().windows) {
      expect(["A区", "B区", "C区"], w.name).toContain(w.area);
      expect(["1F", "2F"], w.name).toContain(w.floor);
    }
  });
});
