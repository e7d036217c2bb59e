/**
 * One shell window's supervisor (the kiosk window; the counter's console and its window screen, one each): what the
 * window shows and when it changes. Electron's events come in (the shells' main/ window files forward them),
 * decisions go out through `ShellView`; no electron import, so it runs under test with fake timers.
 *
 *   start ---------------------------------------------> the window's page (kiosk page, console, window screen)
 *   page: load failed | N health probes failed --------> fallback page ("unreachable")
 *   page: HTTP status >= 400 --------------------------> fallback page ("server-error")
 *   fallback page: /health answered -------------------> the page (the fallback page navigates by itself)
 *   renderer gone -------------------------------------> reload what was shown, after restartPolicy's delay,
 *                                                        or past the cap the fallback page ("restarting")
 *   unresponsive for hangGraceMs ----------------------> end the renderer (then as "renderer gone")
 *   fallback page still shown after its wait + 5 min --> the page (a watchdog: the fallback page's own probe could be
 *                                                        blocked or its script broken; a station never stays stuck)
 */
import type { FallbackReason } from "../fallback/fallbackAddress.ts";
import { isServerError, isUnreachable, type FailedLoad } from "./loadFailure.ts";
import { navigationVerdict } from "./navigationGuard.ts";
import { decideRestart, restartsInWindow, type RestartRules } from "./restartPolicy.ts";

/** What the supervisor asks of the window. */
export interface ShellView {
  /** Load the window's page (with its agent fragment). */
  showPage(): void;
  showFallback(reason: FallbackReason, waitSeconds: number): void;
  /** End a hung renderer (webContents.forcefullyCrashRenderer); a `rendererGone` follows. */
  endRenderer(): void;
}

/** The supervisor's log: pino's `(fields, message)` form. Fields never hold a URL fragment. */
export interface ShellLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SupervisorRules {
  readonly restart: RestartRules;
  /** How long an unresponsive renderer may stay so before it is ended, ms. */
  readonly hangGraceMs: number;
  /** Health probe period while the page is shown, ms. */
  readonly probeEveryMs: number;
  /** Consecutive failed probes that send the window to the fallback page. */
  readonly probeFailuresBeforeFallback: number;
}

/** Seconds the fallback page waits before its first probe, by reason (the server just failed: no instant retry). */
export const FALLBACK_FIRST_WAIT_SECONDS: Readonly<Record<Exclude<FallbackReason, "restarting">, number>> = {
  unreachable: 5,
  // A hall-server that answers with an error will not mend in seconds; do not hammer it.
  "server-error": 30,
};

/** How long the fallback page may stay past its first wait before the shell tries the page itself, ms. */
export const FALLBACK_WATCHDOG_MS = 5 * 60_000;

type Showing =
  | { readonly page: "none" }
  | { readonly page: "page" }
  | { readonly page: "fallback"; readonly reason: FallbackReason; readonly waitSeconds: number };

export class ShellSupervisor {
  private showing: Showing = { page: "none" };
  private restarts: number[] = [];
  private failedProbes = 0;
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private hangTimer: ReturnType<typeof setTimeout> | undefined;
  private probeTimer: ReturnType<typeof setInterval> | undefined;
  private watchdogTimer: ReturnType<typeof setTimeout> | undefined;
  private probing = false;

  /**
   * @param pageBase the window's page URL without fragment (shellUrls.ts `pageBase`)
   * @param probe resolves true when the hall-server's /health answers (health/healthProbe.ts); never rejects
   */
  constructor(
    private readonly pageBase: string,
    private readonly rules: SupervisorRules,
    private readonly view: ShellView,
    private readonly probe: () => Promise<boolean>,
    private readonly log: ShellLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** What the window shows now (for logs and tests). */
  get page(): Showing["page"] {
    return this.showing.page;
  }

  /** Show the window's page and start the health probe. */
  start(): void {
    if (this.stopped) return;
    this.showPage();
    clearInterval(this.probeTimer);
    this.probeTimer = setInterval(() => void this.probeOnce(), this.rules.probeEveryMs);
  }

  /**
   * Hand the window over (to the agent's pairing page): every timer stops and the window is no longer supervised
   * until `start()` again. Earlier restarts still count against the cap.
   */
  suspend(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.hangTimer);
    clearInterval(this.probeTimer);
    clearTimeout(this.watchdogTimer);
    this.restartTimer = this.hangTimer = this.probeTimer = this.watchdogTimer = undefined;
    this.showing = { page: "none" };
  }

  /** Stop every timer; later events are ignored (the app is quitting). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.hangTimer);
    clearInterval(this.probeTimer);
    clearTimeout(this.watchdogTimer);
  }

  /** `did-fail-load` for `url`. */
  loadFailed(url: string, failure: FailedLoad): void {
    if (this.stopped || !isUnreachable(failure)) return;
    const verdict = navigationVerdict(url, this.pageBase);
    if (verdict === "page") {
      this.log.warn({ errorCode: failure.errorCode }, "page not loaded: showing the fallback page");
      this.showFallback("unreachable", FALLBACK_FIRST_WAIT_SECONDS.unreachable);
    } else if (verdict === "fallback") {
      // The bundled page itself failed: a broken install. Keep trying the window's page, slowly.
      this.log.warn({ errorCode: failure.errorCode }, "fallback page not loaded: trying the page later");
      this.schedule(this.rules.restart.maxDelayMs, () => this.showPage());
    }
  }

  /** `did-navigate`: the main frame committed `url` with `httpStatus` (-1 or 0 when not HTTP). */
  navigated(url: string, httpStatus: number): void {
    if (this.stopped) return;
    const verdict = navigationVerdict(url, this.pageBase);
    if (verdict === "page") {
      this.showing = { page: "page" };
      this.failedProbes = 0;
      clearTimeout(this.watchdogTimer);
      if (isServerError(httpStatus)) {
        this.log.warn({ httpStatus }, "page answered with an error: showing the fallback page");
        this.showFallback("server-error", FALLBACK_FIRST_WAIT_SECONDS["server-error"]);
      }
    } else if (verdict === "fallback" && this.showing.page !== "fallback") {
      // Reached without showFallback (cannot happen through the guard; kept so `page` never lies).
      this.showing = { page: "fallback", reason: "unreachable", waitSeconds: 0 };
    }
  }

  /** `render-process-gone` with Electron's reason ("crashed", "oom", "killed", ...). */
  rendererGone(reason: string): void {
    if (this.stopped || this.showing.page === "none") return;
    clearTimeout(this.hangTimer);
    this.hangTimer = undefined;
    const now = this.now();
    const decision = decideRestart(this.restarts, now, this.rules.restart);
    if (decision.action === "restart") {
      this.log.warn({ reason, delayMs: decision.delayMs }, "renderer gone: reloading");
      this.schedule(decision.delayMs, () => {
        this.restarts = [...restartsInWindow(this.restarts, this.now(), this.rules.restart), this.now()];
        this.reshow();
      });
      return;
    }
    const holdSeconds = Math.ceil(decision.holdMs / 1000);
    this.log.warn({ reason, holdSeconds }, "renderer keeps failing: holding on the fallback page");
    if (this.showing.page === "fallback" && this.showing.reason === "restarting")
      // The fallback page itself died: wait the hold out rather than reload it in a loop.
      this.schedule(decision.holdMs, () => this.showPage());
    else this.showFallback("restarting", holdSeconds);
  }

  /** `unresponsive`: end the renderer unless it answers again within the grace time. */
  unresponsive(): void {
    if (this.stopped || this.hangTimer || this.showing.page === "none") return;
    this.hangTimer = setTimeout(() => {
      this.hangTimer = undefined;
      this.log.warn({ graceMs: this.rules.hangGraceMs }, "renderer hung: ending it");
      this.view.endRenderer();
    }, this.rules.hangGraceMs);
  }

  /** `responsive`: the hang is over. */
  responsive(): void {
    clearTimeout(this.hangTimer);
    this.hangTimer = undefined;
  }

  private async probeOnce(): Promise<void> {
    if (this.stopped || this.probing || this.showing.page !== "page") return;
    this.probing = true;
    const answered = await this.probe();
    this.probing = false;
    if (this.stopped || this.showing.page !== "page") return;
    this.failedProbes = answered ? 0 : this.failedProbes + 1;
    if (this.failedProbes >= this.rules.probeFailuresBeforeFallback) {
      this.log.warn({ failedProbes: this.failedProbes }, "hall-server not answering: showing the fallback page");
      this.failedProbes = 0;
      this.showFallback("unreachable", FALLBACK_FIRST_WAIT_SECONDS.unreachable);
    }
  }

  private schedule(delayMs: number, action: () => void): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.stopped) action();
    }, delayMs);
  }

  private reshow(): void {
    if (this.showing.page === "fallback") this.showFallback(this.showing.reason, this.showing.waitSeconds);
    else this.showPage();
  }

  private showPage(): void {
    this.showing = { page: "page" };
    this.failedProbes = 0;
    clearTimeout(this.watchdogTimer);
    this.view.showPage();
  }

  private showFallback(reason: FallbackReason, waitSeconds: number): void {
    this.showing = { page: "fallback", reason, waitSeconds };
    clearTimeout(this.watchdogTimer);
    this.watchdogTimer = setTimeout(
      () => {
        if (this.stopped || this.showing.page !== "fallback") return;
        this.log.warn({ reason }, "fallback page did not return by itself: trying the page");
        this.showPage();
      },
      waitSeconds * 1000 + FALLBACK_WATCHDOG_MS,
    );
    this.view.showFallback(reason, waitSeconds);
  }
}
