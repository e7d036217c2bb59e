/**
 * The service guide's facts in plain words, Chinese and English: the promised time limit with its unit, the service
 * hours (weekdays 1 = Monday … 7 = Sunday, "HH:MM" local hall time), and a daily cap. Pure.
 */
import type { KioskItem, ServiceHours, TimeLimit } from "@onewindow/contract";

export type Language = "zh-CN" | "en";

const unitWords: Record<TimeLimit["unit"], { zh: string; en: (n: number) => string }> = {
  days: { zh: "个自然日", en: (n) => `calendar day${n === 1 ? "" : "s"}` },
  workingDays: { zh: "个工作日", en: (n) => `working day${n === 1 ? "" : "s"}` },
  months: { zh: "个月", en: (n) => `month${n === 1 ? "" : "s"}` },
  years: { zh: "年", en: (n) => `year${n === 1 ? "" : "s"}` },
};

/** "承诺 20 个工作日内办结" / "Done within 20 working days"; an immediate item: "即办件，当场办结" / "Done on the spot". */
export function promisedLimitWords(item: Pick<KioskItem, "kind" | "promisedLimit">, language: Language): string {
  const { value, unit } = item.promisedLimit;
  if (item.kind === "immediate" || value === 0) return language === "zh-CN" ? "即办件，当场办结" : "Done on the spot";
  return language === "zh-CN"
    ? `承诺 ${value} ${unitWords[unit].zh}内办结`
    : `Done within ${value} ${unitWords[unit].en(value)}`;
}

const dayNames = {
  "zh-CN": ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"],
  en: ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
} as const;

/** "周一至周五" / "Mon–Fri" for a run of days, "周六" for one. */
function dayRun(from: number, to: number, language: Language): string {
  const names = dayNames[language];
  if (from === to) return names[from]!;
  return language === "zh-CN" ? `${names[from]}至${names[to]}` : `${names[from]}–${names[to]}`;
}

/**
 * The service hours as lines, one per run of weekdays with the same periods, e.g.
 * ["周一至周五 09:00–12:00、13:30–17:00", "周六 09:00–12:00"] / ["Mon–Fri 09:00–12:00, 13:30–17:00", "Sat 09:00–12:00"].
 */
export function hoursWords(hours: readonly ServiceHours[], language: Language): string[] {
  const periodsOf = (day: number) =>
    hours
      .filter((h) => h.weekdays.includes(day))
      .map((h) => `${h.open}–${h.close}`)
      .sort()
      .join(language === "zh-CN" ? "、" : ", ");
  const lines: string[] = [];
  let day = 1;
  while (day <= 7) {
    const periods = periodsOf(day);
    let end = day;
    while (end < 7 && periodsOf(end + 1) === periods) end++;
    if (periods !== "") lines.push(`${dayRun(day, end, language)} ${periods}`);
    day = end + 1;
  }
  return lines;
}

/** "每日限 50 个号" / "50 tickets a day"; null when the item has no cap. */
export function dailyCapWords(cap: number | null, language: Language): string | null {
  if (cap === null) return null;
  return language === "zh-CN" ? `每日限 ${cap} 个号` : `${cap} ticket${cap === 1 ? "" : "s"} a day`;
}
