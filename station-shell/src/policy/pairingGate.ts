/**
 * A shell's main window (the kiosk window, the counter's console) before and between pairings: while the station
 * agent holds no device token (first run, or the hall revoked the station: station-agent agent.ts
 * "credentialsEnded"), the window shows the agent's pairing page for the technician's 8-digit code; once paired, its
 * page. Checked once a second, because the agent says it only through `StationAgent.paired`.
 *
 *   paired() false --> showPairing()     (the supervisor is suspended meanwhile)
 *   paired() true  --> showPage()        (the supervisor starts)
 */

/** How often the gate asks whether the station is paired, ms. */
export const PAIRED_CHECK_MS = 1000;

export interface PairingActions {
  showPairing(): void;
  showPage(): void;
}

export class PairingGate {
  private pairingNow: boolean | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly paired: () => boolean,
    private readonly actions: PairingActions,
    private readonly everyMs = PAIRED_CHECK_MS,
  ) {}

  /** Whether the pairing page is what the window should show. */
  get pairing(): boolean {
    return this.pairingNow === true;
  }

  /** Show the page for the current state now, then follow changes. */
  start(): void {
    this.check();
    this.timer = setInterval(() => this.check(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const pairing = !this.paired();
    if (pairing === this.pairingNow) return;
    this.pairingNow = pairing;
    if (pairing) this.actions.showPairing();
    else this.actions.showPage();
  }
}
