import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ERR_ABORTED } from "./loadFailure.ts";
import { FALLBACK_WATCHDOG_MS, ShellSupervisor, type SupervisorRules } from "./shellSupervisor.ts";

const base = "http://192.168.1.10:8080/kiosk";
const kioskUrl = `${base}#agent=ws%3A%2F%2F127.0.0.1%3A41234%2F&secret=${"s".repeat(43)}`;
const fallbackUrl = "onewindow-shell://fallback/index.html#return=x";
const ERR_CONNECTION_REFUSED = -102;

const rules: SupervisorRules = {
  restart: { firstDelayMs: 1000, maxDelayMs: 8000, maxRestarts: 3, windowMs: 60_000 },
  hangGraceMs: 15_000,
  probeEveryMs: 10_000,
  probeFailuresBeforeFallback: 3,
};

function harness(probeAnswers: boolean[] = []) {
  const shown: string[] = [];
  const logged: string[] = [];
  const log = {
    info: (fields: object, message: string) => logged.push(`${message} ${JSON.stringify(fields)}`),
    warn: (fields: object, message: string) => logged.push(`${message} ${JSON.stringify(fields)}`),
  };
  let probes = 0;
  const supervisor = new ShellSupervisor(
    base,
    rules,
    {
      showPage: () => shown.push("kiosk"),
      showFallback: (reason, wait) => shown.push(`fallback:${reason}:${wait}`),
      endRenderer: () => shown.push("end-renderer"),
    },
    () => Promise.resolve(probeAnswers[probes++] ?? true),
    log,
    () => Date.now(),
  );
  return { supervisor, shown, logged, probes: () => probes };
}

beforeEach(() => vi.useFakeTimers({ now: 1_800_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe("a shell window's supervisor (on the kiosk page)", () => {
  it("when started, then it shows the kiosk page", () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    expect(shown).toEqual(["kiosk"]);
    expect(supervisor.page).toBe("page");
    supervisor.stop();
  });

  it("when the kiosk page cannot be loaded, then the fallback page shows, waiting 5 s before its first probe", () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    expect(shown).toEqual(["kiosk", "fallback:unreachable:5"]);
    expect(supervisor.page).toBe("fallback");
    supervisor.stop();
  });

  it("when a load is aborted or a subframe fails, then nothing changes", () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_ABORTED, isMainFrame: true });
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: false });
    supervisor.loadFailed("http://elsewhere.example/", { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    expect(shown).toEqual(["kiosk"]);
    supervisor.stop();
  });

  it("when the kiosk page answers 404 or 502, then the fallback page shows and waits 30 s", () => {
    for (const status of [404, 502]) {
      const { supervisor, shown } = harness();
      supervisor.start();
      supervisor.navigated(kioskUrl, status);
      expect(shown).toEqual(["kiosk", "fallback:server-error:30"]);
      supervisor.stop();
    }
  });

  it("when the fallback page returns to a kiosk page that answers 200, then the kiosk page is what shows", () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    supervisor.navigated(fallbackUrl, 200);
    supervisor.navigated(kioskUrl, 200);
    expect(supervisor.page).toBe("page");
    expect(shown).toEqual(["kiosk", "fallback:unreachable:5"]);
    supervisor.stop();
  });

  it("when the fallback page never returns by itself, then after its wait + 5 min the shell tries the kiosk page", async () => {
    const { supervisor, shown, logged } = harness();
    supervisor.start();
    supervisor.navigated(kioskUrl, 503);
    expect(shown).toEqual(["kiosk", "fallback:server-error:30"]);
    await vi.advanceTimersByTimeAsync(30_000 + FALLBACK_WATCHDOG_MS - 1);
    expect(shown).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(["kiosk", "fallback:server-error:30", "kiosk"]);
    expect(logged.join("\n")).toContain("did not return by itself");
    supervisor.stop();
  });

  it("when the fallback page returns in time, then the watchdog stays quiet", async () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    await vi.advanceTimersByTimeAsync(6_000);
    supervisor.navigated(kioskUrl, 200);
    await vi.advanceTimersByTimeAsync(FALLBACK_WATCHDOG_MS * 2);
    expect(shown).toEqual(["kiosk", "fallback:unreachable:5"]);
    supervisor.stop();
  });

  it("when health probes fail three times in a row on the kiosk page, then the fallback page shows", async () => {
    const { supervisor, shown, probes } = harness([false, false, true, false, false, false]);
    supervisor.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(shown).toEqual(["kiosk"]); // false, false, true: the run was broken
    await vi.advanceTimersByTimeAsync(30_000);
    expect(shown).toEqual(["kiosk", "fallback:unreachable:5"]);
    expect(probes()).toBe(6);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes()).toBe(6); // no probing while the fallback page probes by itself
    supervisor.stop();
  });

  it("when the renderer crashes, then the page shown is reloaded after the first delay", async () => {
    const { supervisor, shown, logged } = harness();
    supervisor.start();
    supervisor.rendererGone("crashed");
    await vi.advanceTimersByTimeAsync(999);
    expect(shown).toEqual(["kiosk"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(["kiosk", "kiosk"]);
    expect(logged.join("\n")).toContain('"reason":"crashed"');
    supervisor.stop();
  });

  it("when the renderer keeps crashing, then delays double, and past the cap the fallback page holds", async () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    for (const delay of [1000, 2000, 4000]) {
      supervisor.rendererGone("oom");
      await vi.advanceTimersByTimeAsync(delay);
    }
    expect(shown).toEqual(["kiosk", "kiosk", "kiosk", "kiosk"]);
    // Restarts at +1 s, +3 s, +7 s; the 4th crash (at +7 s) meets the cap of 3 per minute: hold until +61 s.
    supervisor.rendererGone("oom");
    expect(shown.at(-1)).toBe("fallback:restarting:54");
    supervisor.rendererGone("crashed"); // the fallback page itself dies: no reload loop
    expect(shown).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(53_999);
    expect(shown).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown.at(-1)).toBe("kiosk");
    supervisor.stop();
  });

  it("when a crash happens on the fallback page, then the fallback page is reloaded, not the kiosk page", async () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    supervisor.rendererGone("crashed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown).toEqual(["kiosk", "fallback:unreachable:5", "fallback:unreachable:5"]);
    supervisor.stop();
  });

  it("when the renderer hangs past the grace time, then it is ended; a crash restart follows", async () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.unresponsive();
    supervisor.unresponsive(); // repeated: still one timer
    await vi.advanceTimersByTimeAsync(14_999);
    expect(shown).toEqual(["kiosk"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(["kiosk", "end-renderer"]);
    supervisor.rendererGone("killed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown).toEqual(["kiosk", "end-renderer", "kiosk"]);
    supervisor.stop();
  });

  it("when the renderer answers again within the grace time, then it is left alone", async () => {
    const { supervisor, shown } = harness();
    supervisor.start();
    supervisor.unresponsive();
    await vi.advanceTimersByTimeAsync(10_000);
    supervisor.responsive();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(shown).toEqual(["kiosk"]);
    supervisor.stop();
  });

  it("when stopped (quitting), then crashes, hangs, failures and probes change nothing", async () => {
    const { supervisor, shown, probes } = harness([false, false, false]);
    supervisor.start();
    supervisor.rendererGone("crashed");
    supervisor.stop();
    supervisor.unresponsive();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    supervisor.rendererGone("crashed");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(shown).toEqual(["kiosk"]);
    expect(probes()).toBe(0);
  });

  it("when suspended for pairing, then no restart, hang, probe or watchdog acts until it starts again", async () => {
    const { supervisor, shown, probes } = harness([false, false, false]);
    supervisor.start();
    supervisor.navigated(kioskUrl, 503); // fallback + watchdog armed
    supervisor.rendererGone("crashed"); // restart armed
    supervisor.suspend();
    supervisor.unresponsive();
    supervisor.rendererGone("crashed");
    await vi.advanceTimersByTimeAsync(FALLBACK_WATCHDOG_MS * 2);
    expect(shown).toEqual(["kiosk", "fallback:server-error:30"]);
    expect(probes()).toBe(0);
    expect(supervisor.page).toBe("none");
    supervisor.start();
    expect(shown.at(-1)).toBe("kiosk");
    await vi.advanceTimersByTimeAsync(rules.probeEveryMs);
    expect(probes()).toBe(1); // one probe timer, not two
    supervisor.stop();
  });

  it("when it logs, then no URL fragment (agent secret) appears", () => {
    const { supervisor, logged } = harness();
    supervisor.start();
    supervisor.loadFailed(kioskUrl, { errorCode: ERR_CONNECTION_REFUSED, isMainFrame: true });
    supervisor.navigated(kioskUrl, 503);
    supervisor.rendererGone("crashed");
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).not.toContain("secret");
    expect(logged.join("\n")).not.toContain("s".repeat(43));
    supervisor.stop();
  });
});
