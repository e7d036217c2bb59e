/**
 * The counter's restart rules, as main/counterWindows.ts sets them up: one station-shell ShellSupervisor per window,
 * on that window's own page, with the rules of the counter config. Each window falls back, restarts and holds on
 * its own; neither reacts to the other's page.
 */
import { ShellSupervisor, supervisorRulesOf, type ShellView } from "@onewindow/station-shell";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseCounterConfig } from "../config/counterConfig.ts";
import { counterPageBase, counterPageUrl, type CounterRole } from "./counterPages.ts";

const config = parseCounterConfig({ hallUrl: "http://192.168.1.10:8080", restart: { maxRestarts: 3 } }, "/");
const setup = { ...config, windowNumber: 2 };
const agent = { url: "ws://127.0.0.1:41234/", secret: "s".repeat(43) };
const ERR_CONNECTION_REFUSED = -102;

function supervised(role: CounterRole, shown: string[]): ShellSupervisor {
  const view: ShellView = {
    showPage: () => shown.push(`${role}:page`),
    showFallback: (reason, wait) => shown.push(`${role}:fallback:${reason}:${wait}`),
    endRenderer: () => shown.push(`${role}:end`),
  };
  const quiet = { info: () => undefined, warn: () => undefined };
  return new ShellSupervisor(
    counterPageBase(setup, role),
    supervisorRulesOf(config),
    view,
    () => Promise.resolve(true),
    quiet,
  );
}

beforeEach(() => vi.useFakeTimers({ now: 1_800_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe("the counter's two windows, each supervised on its own", () => {
  it("when the window screen's page cannot load, then only the window screen shows the fallback page", () => {
    const shown: string[] = [];
    const desk = supervised("console", shown);
    const screen = supervised("windowScreen", shown);
    desk.start();
    screen.start();
    const failed = { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true };
    // Each supervisor hears only its own window's events; the console's ignores the other page's URL anyway.
    desk.loadFailed(counterPageUrl(setup, "windowScreen", agent), failed);
    screen.loadFailed(counterPageUrl(setup, "windowScreen", agent), failed);
    expect(shown).toEqual(["console:page", "windowScreen:page", "windowScreen:fallback:unreachable:5"]);
    expect([desk.page, screen.page]).toEqual(["page", "fallback"]);
    desk.stop();
    screen.stop();
  });

  it("when the console's renderer keeps crashing, then the console holds on its fallback page and the window screen is untouched", async () => {
    const shown: string[] = [];
    const desk = supervised("console", shown);
    const screen = supervised("windowScreen", shown);
    desk.start();
    screen.start();
    for (const delay of [1000, 2000, 4000]) {
      desk.rendererGone("crashed");
      await vi.advanceTimersByTimeAsync(delay);
    }
    desk.rendererGone("crashed");
    expect(shown.filter((line) => line.startsWith("windowScreen"))).toEqual(["windowScreen:page"]);
    expect(shown.at(-1)).toMatch(/^console:fallback:restarting:\d+$/);
    // The window screen's own first crash still gets the first, short delay.
    screen.rendererGone("crashed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown.at(-1)).toBe("windowScreen:page");
    desk.stop();
    screen.stop();
  });
});
