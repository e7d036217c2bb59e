import { describe, expect, it } from "vitest";
import { printer } from "@onewindow/drivers";
import type { TicketPrintData } from "../hall/hallTypes.ts";
import { formatIssuedAt, locationOf, printedTicketLayout } from "./printedTicket.ts";
import { ticketFacts, ticketsFromBytes } from "./ticketFacts.ts";

const data: TicketPrintData = {
  hallName: "示例政务服务中心",
  itemCode: "A01",
  itemName: "户籍办理",
  number: "A023",
  issuedAt: Date.parse("2026-11-25T10:05:00+08:00"),
  ahead: 4,
  expectedWaitMinutes: 12.4,
  waitRangeMinutes: { low: 8, high: 19 },
  staffed: true,
  nameMasked: "张*",
  areas: ["一楼 A区"],
  windows: ["3", "4"],
  materialsHint: "身份证\n户口簿",
  statusUrl: "http://127.0.0.1:8080/t/abcdef",
  reprint: false,
};
const profile = printer.getPrinterProfile("generic-80");
const print = (d: TicketPrintData, language: "zh" | "en" = "zh") =>
  ticketFacts(
    ticketsFromBytes(
      printer.encodeTicket(printedTicketLayout(d, profile, { language, timeZone: "Asia/Shanghai" }), profile),
      profile,
    )[0]!,
  );

describe("the printed queue ticket", () => {
  it("when printed and read back, then it shows the number, item, place, masked name, hall time and status QR", () => {
    const facts = print(data);
    expect(facts.number).toBe("A023");
    expect(facts.reprint).toBe(false);
    expect(facts.qr).toBe(data.statusUrl);
    expect(facts.lines).toEqual(
      expect.arrayContaining([
        "示例政务服务中心",
        "户籍办理",
        "您前面还有 4 人",
        "预计等待：约 8–19 分钟",
        "姓名：张*",
      ]),
    );
    expect(facts.lines.join("\n")).toContain("办理地点：一楼 A区 3、4号窗口");
    expect(facts.lines.join("\n")).toContain("取号时间：2026-11-25 10:05");
  });

  it("when it is a reprint, then the banner says 补打 (REPRINT in English) and the number is unchanged", () => {
    expect(print({ ...data, reprint: true })).toMatchObject({ number: "A023", reprint: true });
    const english = print({ ...data, reprint: true }, "en");
    expect(english.lines[0]).toBe("REPRINT");
  });

  it("when the forecast's range is one figure, starts at 0, or nobody serves the item, then the wait says so", () => {
    const wait = (d: Partial<TicketPrintData>, language: "zh" | "en" = "zh") =>
      print({ ...data, ...d }, language).lines.find((l) => /预计等待|Expected wait/.test(l));
    expect(wait({ waitRangeMinutes: { low: 12, high: 12 } })).toBe("预计等待：约 12 分钟");
    expect(wait({ waitRangeMinutes: { low: 0, high: 9 } })).toBe("预计等待：9 分钟内");
    expect(wait({ staffed: false })).toBe("预计等待：暂无窗口办理，请留意叫号");
    expect(wait({}, "en")).toBe("Expected wait: about 8–19 minutes");
  });

  it("when no windows or areas are known, then no place line is printed", () => {
    expect(locationOf({ ...data, areas: [], windows: [] }, "zh")).toBeUndefined();
    expect(locationOf({ ...data, areas: [] }, "en")).toBe("windows 3, 4");
    expect(formatIssuedAt(Date.parse("2026-12-31T16:30:00Z"), "Asia/Shanghai")).toBe("2027-01-01 00:30");
  });
});
