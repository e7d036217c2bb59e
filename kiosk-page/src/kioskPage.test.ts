import { describe, expect, it } from "vitest";
import type { KioskItem } from "@onewindow/contract";
import { idleState } from "./idleClock.ts";
import { searchItems } from "./itemSearch.ts";
import { dailyCapWords, hoursWords, promisedLimitWords } from "./serviceWords.ts";

const item = (code: string, name: string, initials: string, nameEn = ""): KioskItem => ({
  code,
  name,
  nameEn,
  departmentCode: "D1",
  category: "",
  kind: "committed",
  promisedLimit: { value: 20, unit: "workingDays" },
  materials: [],
  idCardRequired: false,
  hours: [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "17:00" }],
  dailyCap: null,
  initials,
});
const items = [
  item("11440000X001", "社会保障卡补领", "shbzkbl", "Social security card"),
  item("11440000X002", "户籍办理", "hjbl", "Household registration"),
  item("11440000X003", "护照办理", "hzbl", "Passport"),
];

describe("finding an item", () => {
  it("when the citizen types initials, a name, an English word or part of a code, then the matches come best first", () => {
    expect(searchItems(items, "HJ").map((i) => i.name)).toEqual(["户籍办理"]);
    expect(searchItems(items, "bl").map((i) => i.name)).toEqual(["社会保障卡补领", "户籍办理", "护照办理"]);
    expect(searchItems(items, "h").map((i) => i.name)).toEqual(["户籍办理", "护照办理", "社会保障卡补领"]);
    expect(searchItems(items, "护照").map((i) => i.code)).toEqual(["11440000X003"]);
    expect(searchItems(items, "passport").map((i) => i.code)).toEqual(["11440000X003"]);
    expect(searchItems(items, "x002").map((i) => i.name)).toEqual(["户籍办理"]);
    expect(searchItems(items, "  ")).toEqual([]);
    expect(searchItems(items, "zzz")).toEqual([]);
  });
});

describe("the guide's words", () => {
  it("when an item promises working days or is immediate, then the limit names its unit", () => {
    expect(promisedLimitWords(items[0]!, "zh-CN")).toBe("承诺 20 个工作日内办结");
    expect(promisedLimitWords({ kind: "committed", promisedLimit: { value: 1, unit: "months" } }, "en")).toBe(
      "Done within 1 month",
    );
    expect(promisedLimitWords({ kind: "immediate", promisedLimit: { value: 0, unit: "days" } }, "zh-CN")).toBe(
      "即办件，当场办结",
    );
  });

  it("when hours differ by weekday, then each run of days is one line", () => {
    const hours = [
      { weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "12:00" },
      { weekdays: [1, 2, 3, 4, 5], open: "13:30", close: "17:00" },
      { weekdays: [6], open: "09:00", close: "12:00" },
    ];
    expect(hoursWords(hours, "zh-CN")).toEqual(["周一至周五 09:00–12:00、13:30–17:00", "周六 09:00–12:00"]);
    expect(hoursWords(hours, "en")).toEqual(["Mon–Fri 09:00–12:00, 13:30–17:00", "Sat 09:00–12:00"]);
    expect(dailyCapWords(null, "zh-CN")).toBeNull();
    expect(dailyCapWords(50, "zh-CN")).toBe("每日限 50 个号");
  });
});

describe("the idle countdown", () => {
  it("when time passes without a touch, then the page is active, then counts down, then goes home", () => {
    expect(idleState(0, 10_000, 60_000, 20_000)).toEqual({ phase: "active", secondsLeft: 50 });
    expect(idleState(0, 40_000, 60_000, 20_000)).toEqual({ phase: "warning", secondsLeft: 20 });
    expect(idleState(0, 59_001, 60_000, 20_000)).toEqual({ phase: "warning", secondsLeft: 1 });
    expect(idleState(0, 60_000, 60_000, 20_000)).toEqual({ phase: "expired", secondsLeft: 0 });
  });
});
