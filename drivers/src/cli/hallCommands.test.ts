import { describe, expect, it } from "vitest";
import { sampleCards } from "../idcard/sampleCards.ts";
import { cardNames, hallCommandHelp, parseHallCommand, type HallCommand, type HallVerb } from "./hallCommands.ts";

const parsesTo: [string, HallCommand][] = [
  ["help", { verb: "help" }],
  ["tickets", { verb: "tickets" }],
  ["status", { verb: "status" }],
  ["quit", { verb: "quit" }],
  ["  QUIT  ", { verb: "quit" }],
  ["card 1 resident", { verb: "card", kiosk: 1, card: "resident" }],
  ["card 2 resident-long-term", { verb: "card", kiosk: 2, card: "resident-long-term" }],
  ["card 1 resident-uyghur", { verb: "card", kiosk: 1, card: "resident-uyghur" }],
  ["card 1 invalid-check-digit", { verb: "card", kiosk: 1, card: "invalid-check-digit" }],
  ["card 1 HK-Macau", { verb: "card", kiosk: 1, card: "hk-macau" }],
  ["card 1 taiwan", { verb: "card", kiosk: 1, card: "taiwan" }],
  ["card 1 foreign-2017", { verb: "card", kiosk: 1, card: "foreign-2017" }],
  ["card 1 foreign-2023", { verb: "card", kiosk: 1, card: "foreign-2023" }],
  ["card 3 remove", { verb: "card", kiosk: 3, card: "remove" }],
  ["scan 1 APPT-20261130-0042", { verb: "scan", kiosk: 1, code: "APPT-20261130-0042" }],
  ["unplug 1 scanner", { verb: "unplug", station: 1, device: "scanner" }],
  ["paper 1 ok", { verb: "paper", kiosk: 1, paper: "ok" }],
  ["paper 1 near-end", { verb: "paper", kiosk: 1, paper: "near-end" }],
  ["paper\t1   out", { verb: "paper", kiosk: 1, paper: "out" }],
  ["cover 1 open", { verb: "cover", kiosk: 1, open: true }],
  ["cover 1 closed", { verb: "cover", kiosk: 1, open: false }],
  ["cutter 1 jam", { verb: "cutter", kiosk: 1, jam: true }],
  ["cutter 1 ok", { verb: "cutter", kiosk: 1, jam: false }],
  ["unplug 1 printer", { verb: "unplug", station: 1, device: "printer" }],
  ["unplug 2 idcard", { verb: "unplug", station: 2, device: "idcard" }],
  ["unplug 3 evaluator", { verb: "unplug", station: 3, device: "evaluator" }],
  ["replug 3 led", { verb: "replug", station: 3, device: "led" }],
  ["replug 99 caller", { verb: "replug", station: 99, device: "caller" }],
  ["key 2 next", { verb: "key", window: 2, action: { kind: "next" } }],
  ["key 2 recall", { verb: "key", window: 2, action: { kind: "recall" } }],
  ["key 2 pause", { verb: "key", window: 2, action: { kind: "pause" } }],
  ["key 2 resume", { verb: "key", window: 2, action: { kind: "resume" } }],
  ["key 2 skip", { verb: "key", window: 2, action: { kind: "skip" } }],
  ["key 2 logout", { verb: "key", window: 2, action: { kind: "logout" } }],
  ["key 2 rate", { verb: "key", window: 2, action: { kind: "requestRating" } }],
  ["key 2 transfer 5", { verb: "key", window: 2, action: { kind: "transfer", targetWindow: 5 } }],
  ["key 2 transfer 255", { verb: "key", window: 2, action: { kind: "transfer", targetWindow: 255 } }],
  ["key 2 login 0", { verb: "key", window: 2, action: { kind: "login", staffId: 0 } }],
  ["key 2 login 4294967295", { verb: "key", window: 2, action: { kind: "login", staffId: 4294967295 } }],
  ["rate 1 5", { verb: "rate", window: 1, level: 5 }],
  ["rate 1 1", { verb: "rate", window: 1, level: 1 }],
  ["rate 1 very-satisfied", { verb: "rate", window: 1, level: 5 }],
  ["rate 1 Satisfied", { verb: "rate", window: 1, level: 4 }],
  ["rate 1 basically-satisfied", { verb: "rate", window: 1, level: 3 }],
  ["rate 1 dissatisfied", { verb: "rate", window: 1, level: 2 }],
  ["rate 1 very-dissatisfied", { verb: "rate", window: 1, level: 1 }],
  ["rate 1 非常满意", { verb: "rate", window: 1, level: 5 }],
  ["rate 1 不满意", { verb: "rate", window: 1, level: 2 }],
  ["rate 1 非常不满意", { verb: "rate", window: 1, level: 1 }],
  ["led 4", { verb: "led", window: 4 }],
];

const rejects: [string, HallVerb | null, string][] = [
  ["", null, "empty command; type help for the list"],
  ["   ", null, "empty command; type help for the list"],
  ["bogus 1", null, 'unknown command "bogus"; type help for the list'],
  ["constructor", null, 'unknown command "constructor"; type help for the list'],
  ["help me", "help", "help takes no arguments, got 1; usage: help"],
  ["tickets all", "tickets", "tickets takes no arguments, got 1; usage: tickets"],
  ["status 1", "status", "status takes no arguments, got 1; usage: status"],
  ["quit now", "quit", "quit takes no arguments, got 1; usage: quit"],
  ["card", "card", "card takes 2 arguments, got 0; usage: card <kiosk> <type>|remove"],
  ["card 1", "card", "card takes 2 arguments, got 1; usage: card <kiosk> <type>|remove"],
  ["card 1 resident extra", "card", "card takes 2 arguments, got 3"],
  [
    "card 1 passport",
    "card",
    'card type must be one of resident, resident-long-term, resident-uyghur, invalid-check-digit, hk-macau, taiwan, foreign-2017, foreign-2023, remove, got "passport"',
  ],
  ["card 0 resident", "card", 'kiosk number must be 1-99, got "0"'],
  ["card one resident", "card", 'kiosk number must be 1-99, got "one"'],
  ["card 100 resident", "card", 'kiosk number must be 1-99, got "100"'],
  ["card -1 resident", "card", 'kiosk number must be 1-99, got "-1"'],
  ["card 1.5 resident", "card", 'kiosk number must be 1-99, got "1.5"'],
  ["scan 1", "scan", "scan takes 2 arguments, got 1; usage: scan <kiosk> <code>"],
  [
    "scan 1 预约码",
    "scan",
    'a code is 1-256 printable ASCII characters without blanks, got "预约码"; usage: scan <kiosk> <code>',
  ],
  ["paper 1", "paper", "paper takes 2 arguments, got 1; usage: paper <kiosk> ok|near-end|out"],
  ["paper 1 low", "paper", 'paper must be one of ok, near-end, out, got "low"; usage: paper <kiosk> ok|near-end|out'],
  ["paper x out", "paper", 'kiosk number must be 1-99, got "x"'],
  ["cover 1 shut", "cover", 'cover must be one of open, closed, got "shut"; usage: cover <kiosk> open|closed'],
  ["cover 1", "cover", "cover takes 2 arguments, got 1"],
  ["cutter 1 broken", "cutter", 'cutter must be one of jam, ok, got "broken"; usage: cutter <kiosk> jam|ok'],
  ["cutter", "cutter", "cutter takes 2 arguments, got 0"],
  ["unplug 1", "unplug", "unplug takes 2 arguments, got 1"],
  ["unplug 1 modem", "unplug", 'device must be one of printer, idcard, scanner, evaluator, led, caller, got "modem"'],
  ["replug 0 led", "replug", 'window number must be 1-99, got "0"'],
  ["replug x printer", "replug", 'kiosk number must be 1-99, got "x"'],
  ["key", "key", "missing window number; usage: key <window>"],
  ["key 2", "key", "missing key: one of next, recall, pause, resume, skip, logout, rate, transfer, login; usage"],
  [
    "key 2 call",
    "key",
    'key must be one of next, recall, pause, resume, skip, logout, rate, transfer, login, got "call"',
  ],
  ["key x next", "key", 'window number must be 1-99, got "x"'],
  ["key 2 next 3", "key", 'key next takes no value, got "3"'],
  ["key 2 transfer", "key", "transfer needs the target window"],
  ["key 2 transfer 0", "key", 'target window must be 1-255, got "0"'],
  ["key 2 transfer 256", "key", 'target window must be 1-255, got "256"'],
  ["key 2 transfer 3 4", "key", "key transfer takes one value, got 2"],
  ["key 2 login", "key", "login needs the staff number"],
  ["key 2 login GW005", "key", 'staff number must be 0-4294967295, got "GW005"'],
  ["key 2 login 4294967296", "key", 'staff number must be 0-4294967295, got "4294967296"'],
  ["rate 1", "rate", "rate takes 2 arguments, got 1"],
  [
    "rate 1 6",
    "rate",
    'rating must be 1-5, very-satisfied, satisfied, basically-satisfied, dissatisfied, very-dissatisfied or 非常不满意, 不满意, 基本满意, 满意, 非常满意, got "6"',
  ],
  ["rate 1 0", "rate", "rating must be 1-5"],
  ["rate 1 great", "rate", 'got "great"'],
  ["rate 1 toString", "rate", 'got "toString"'],
  ["rate 0 5", "rate", 'window number must be 1-99, got "0"'],
  ["led", "led", "led takes 1 argument, got 0; usage: led <window>"],
  ["led 1 2", "led", "led takes 1 argument, got 2"],
  ["led x", "led", 'window number must be 1-99, got "x"'],
];

describe("parseHallCommand", () => {
  it.each(parsesTo)("when the line is %j, then it parses to the typed command", (line, command) => {
    expect(parseHallCommand(line)).toEqual({ ok: true, command });
  });

  it.each(rejects)("when the line is %j, then it is refused naming the problem", (line, verb, error) => {
    const parsed = parseHallCommand(line);
    expect(parsed).toMatchObject({ ok: false, verb });
    expect(parsed.ok ? "" : parsed.error).toContain(error);
  });

  it("when a known command is refused, then the error ends with that command's usage", () => {
    for (const [line, verb] of rejects) {
      const parsed = parseHallCommand(line);
      if (verb === null || parsed.ok) continue;
      expect(parsed.error.endsWith(`; usage: ${hallCommandHelp[verb].usage}`)).toBe(true);
    }
  });

  it("when every verb is listed in help, then each has a parsing case above and a refusal case above", () => {
    const verbs = Object.keys(hallCommandHelp);
    expect(new Set(parsesTo.map(([, command]) => command.verb))).toEqual(new Set(verbs));
    expect(new Set(rejects.flatMap(([, verb]) => (verb === null ? [] : [verb])))).toEqual(new Set(verbs));
  });

  it("when a sample card exists, then it has exactly one command-line name", () => {
    expect(Object.values(cardNames).sort()).toEqual(Object.keys(sampleCards).sort());
  });
});
