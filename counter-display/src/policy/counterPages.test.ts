import { parseAgentFragment } from "@onewindow/contract";
import { forLog, navigationVerdict } from "@onewindow/station-shell";
import { describe, expect, it } from "vitest";
import { counterPageBase, counterPagePath, counterPageUrl, type CounterPagesSetup } from "./counterPages.ts";

const setup: CounterPagesSetup = {
  hallUrl: "http://192.168.1.10:8080",
  consolePath: "/counter",
  windowScreenPath: "/window",
  windowNumber: 2,
};
const agent = { url: "ws://127.0.0.1:41234/", secret: "Zk3-_abcdefghijklmnopqrstuvwxyz0123456789AB" };

describe("the counter's pages", () => {
  it("when built, then the console is /counter and the window screen /window/<n>, the agent in the fragment only", () => {
    expect(counterPageBase(setup, "console")).toBe("http://192.168.1.10:8080/counter");
    expect(counterPageBase(setup, "windowScreen")).toBe("http://192.168.1.10:8080/window/2");
    for (const role of ["console", "windowScreen"] as const) {
      const url = new URL(counterPageUrl(setup, role, agent));
      expect(url.search).toBe("");
      expect(parseAgentFragment(url.hash)).toEqual(agent);
      expect(forLog(url.href)).not.toContain(agent.secret);
    }
  });

  it("when the window screen's path ends in a slash, then the number follows one slash", () => {
    expect(counterPagePath({ ...setup, windowScreenPath: "/window/", windowNumber: 12 }, "windowScreen")).toBe(
      "/window/12",
    );
  });

  it("when each window's guard is asked about the other's page, then it is refused: each window keeps to its own page", () => {
    const consoleBase = counterPageBase(setup, "console");
    const screenBase = counterPageBase(setup, "windowScreen");
    expect(navigationVerdict(counterPageUrl(setup, "console", agent), consoleBase)).toBe("page");
    expect(navigationVerdict(counterPageUrl(setup, "windowScreen", agent), screenBase)).toBe("page");
    expect(navigationVerdict(counterPageUrl(setup, "windowScreen", agent), consoleBase)).toBe("refused");
    expect(navigationVerdict(counterPageUrl(setup, "console", agent), screenBase)).toBe("refused");
    expect(navigationVerdict("http://192.168.1.10:8080/window/3", screenBase)).toBe("refused");
  });
});
