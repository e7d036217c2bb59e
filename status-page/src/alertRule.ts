/**
 * When the status page alerts the citizen (sound and vibration): once, when the number of people ahead first falls
 * to the number they chose or below, and once when the ticket is called. Choosing again (or a transfer putting them
 * back in a longer queue) arms it again.
 */
import type { TicketState } from "@onewindow/contract";

/** What the page remembers between answers. */
export interface AlertMemory {
  /** Whether the "people ahead" alert already went off for the current choice. */
  aheadAlerted: boolean;
  /** Whether the call alert already went off for the current call. */
  callAlerted: boolean;
}

export const FRESH_ALERTS: AlertMemory = { aheadAlerted: false, callAlerted: false };

/** The alert a new answer calls for, if any, and the memory after it. `threshold` null means the citizen chose none. */
export function alertFor(
  memory: AlertMemory,
  answer: { state: TicketState; peopleAhead?: number | undefined },
  threshold: number | null,
): { alert: "ahead" | "called" | undefined; memory: AlertMemory } {
  if (answer.state === "called") {
    if (memory.callAlerted) return { alert: undefined, memory };
    return { alert: threshold === null ? undefined : "called", memory: { ...memory, callAlerted: true } };
  }
  // Back in a queue (a transfer, a reactivated no-show): the next call alerts again.
  const next = { ...memory, callAlerted: answer.state === "waiting" ? false : memory.callAlerted };
  if (answer.state !== "waiting" || threshold === null || answer.peopleAhead === undefined)
    return { alert: undefined, memory: next };
  if (answer.peopleAhead > threshold) return { alert: undefined, memory: { ...next, aheadAlerted: false } };
  if (next.aheadAlerted) return { alert: undefined, memory: next };
  return { alert: "ahead", memory: { ...next, aheadAlerted: true } };
}
