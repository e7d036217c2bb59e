import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PAIRED_CHECK_MS, PairingGate } from "./pairingGate.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function gate(paired: boolean) {
  const shown: string[] = [];
  const state = { paired };
  const pairingGate = new PairingGate(() => state.paired, {
    showPairing: () => shown.push("pairing"),
    showPage: () => shown.push("kiosk"),
  });
  return { pairingGate, shown, state };
}

describe("a shell window's pairing gate (on the kiosk page)", () => {
  it("when the station is paired at launch, then the kiosk page shows at once and nothing else follows", async () => {
    const { pairingGate, shown } = gate(true);
    pairingGate.start();
    await vi.advanceTimersByTimeAsync(10 * PAIRED_CHECK_MS);
    expect(shown).toEqual(["kiosk"]);
    expect(pairingGate.pairing).toBe(false);
    pairingGate.stop();
  });

  it("when the station is not paired, then the pairing page shows, and the kiosk page within a second of pairing", async () => {
    const { pairingGate, shown, state } = gate(false);
    pairingGate.start();
    expect(shown).toEqual(["pairing"]);
    expect(pairingGate.pairing).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * PAIRED_CHECK_MS);
    state.paired = true;
    await vi.advanceTimersByTimeAsync(PAIRED_CHECK_MS);
    expect(shown).toEqual(["pairing", "kiosk"]);
    pairingGate.stop();
  });

  it("when the hall revokes the station while it runs, then the pairing page comes back, and the kiosk page after", async () => {
    const { pairingGate, shown, state } = gate(true);
    pairingGate.start();
    state.paired = false;
    await vi.advanceTimersByTimeAsync(PAIRED_CHECK_MS);
    state.paired = true;
    await vi.advanceTimersByTimeAsync(PAIRED_CHECK_MS);
    expect(shown).toEqual(["kiosk", "pairing", "kiosk"]);
    pairingGate.stop();
  });

  it("when stopped, then later changes show nothing", async () => {
    const { pairingGate, shown, state } = gate(true);
    pairingGate.start();
    pairingGate.stop();
    state.paired = false;
    await vi.advanceTimersByTimeAsync(5 * PAIRED_CHECK_MS);
    expect(shown).toEqual(["kiosk"]);
  });
});
