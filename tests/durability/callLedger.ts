/**
 * What a durability test's counter workers were told the server had stored: every acknowledged call, recall,
 * start, finish and no-show, and the last acknowledged state of each ticket. After a crash and restart,
 * `problems` compares the tickets found with it.
 *
 * A change whose answer was lost in the crash may or may not have been stored, so a ticket may be in its last
 * acknowledged state or in the state of the one request that may have followed it in the worker's script
 * (call-next -> [recall] -> start -> finish, or call-next -> no-show) — never earlier, and never `waiting`.
 */

/** The states an acknowledged counter action leaves a ticket in. */
export type AckedState = "called" | "serving" | "done" | "no_show";

/** Each acknowledged state and the states an unacknowledged next request of the script may have left. */
const MAY_FOLLOW: Readonly<Record<AckedState, readonly string[]>> = {
  // After a call: start, a recall (stays called, or a no-show past the limit) or a no-show may have gone in.
  called: ["called", "serving", "no_show"],
  serving: ["serving", "done"],
  done: ["done"],
  no_show: ["no_show"],
};

/** The counter actions a ledger counts. */
export type AckedAction = "call" | "recall" | "start" | "finish" | "noShow";

export class CallLedger {
  /** Acknowledged actions by kind, each ticket id once per action. */
  readonly acked: Readonly<Record<AckedAction, Set<number>>> = {
    call: new Set(),
    recall: new Set(),
    start: new Set(),
    finish: new Set(),
    noShow: new Set(),
  };
  readonly #last = new Map<number, AckedState>();

  /** Record that the server answered `action` on ticket `id` with success, leaving it in `state`. */
  ack(id: number, action: AckedAction, state: AckedState): void {
    if (action !== "call" && !this.#last.has(id))
      throw new Error(`ticket ${id}: ${action} acknowledged before any call was (a worker script bug)`);
    this.acked[action].add(id);
    this.#last.set(id, state);
  }

  /** Ticket ids with at least one acknowledged action. */
  tickets(): number[] {
    return [...this.#last.keys()];
  }

  /**
   * One line per ticket whose state after restart contradicts what was acknowledged: missing (undefined), or
   * neither its last acknowledged state nor one the script's next request could have led to.
   */
  problems(found: ReadonlyMap<number, string | undefined>): string[] {
    const out: string[] = [];
    for (const [id, last] of this.#last) {
      const state = found.get(id);
      if (state === undefined) out.push(`ticket ${id}: acknowledged ${last}, missing after restart`);
      else if (!MAY_FOLLOW[last].includes(state))
        out.push(`ticket ${id}: acknowledged ${last}, found ${state} after restart`);
    }
    return out;
  }
}
