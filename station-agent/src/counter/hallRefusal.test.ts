import { describe, expect, it } from "vitest";
import { HallError } from "../hall/hallClient.ts";
import { hallRefusal } from "./hallRefusal.ts";

describe("hall refusals in the counter's words", () => {
  it("when the hall refuses, then its code picks the Chinese and its own sentence is the English", () => {
    const busy = new HallError(409, "window_busy", "window 2 is still serving A001: finish it first");
    expect(hallRefusal(busy, "callNext")).toEqual({
      code: "window_busy",
      words: { zh: "当前还有正在叫号或办理的群众", en: "window 2 is still serving A001: finish it first" },
    });
  });

  it("when no_ticket answers a call it means nobody waits; answering anything else, nobody is at the window", () => {
    const none = new HallError(409, "no_ticket", "...");
    expect(hallRefusal(none, "callNext").words.zh).toBe("没有等候的群众");
    expect(hallRefusal(none, "recall").words.zh).toBe("当前没有叫号或办理中的群众");
  });

  it("when the hall is not reached or answers 5xx, then hall_unreachable; 401 is a session that ended", () => {
    expect(hallRefusal(new HallError(0, "unreached", "x")).code).toBe("hall_unreachable");
    expect(hallRefusal(new HallError(503, "internal", "x")).code).toBe("hall_unreachable");
    expect(hallRefusal(new HallError(401, "unauthorized", "x")).code).toBe("session_expired");
    expect(hallRefusal(new Error("boom")).code).toBe("refused");
  });

  it("when a sign-in is refused, then 401 is a wrong employee number or PIN and 429 the lockout, never an ended session", () => {
    expect(hallRefusal(new HallError(401, "unauthorized", "x"), "signIn")).toEqual({
      code: "wrong_credentials",
      words: { zh: "工号或密码错误", en: "The employee number or PIN is wrong" },
    });
    const locked = new HallError(429, "rate_limited", "sign-in as GW007 is locked here for 15 more minutes");
    expect(hallRefusal(locked, "signIn")).toMatchObject({
      code: "sign_in_locked",
      words: { en: "sign-in as GW007 is locked here for 15 more minutes" },
    });
    expect(hallRefusal(locked, "signIn").words.zh).toContain("值班主任解锁");
  });
});
