/**
 * The kiosk's two-phase issue over HTTP, against the child-process server: one "take" is a reservation
 * (POST /api/tickets/reservations with a fresh requestKey) and its confirmation (POST /api/tickets/:id/printed), back
 * to back, timed as one round trip (no printer in between: this is the server's share of a take). A closed loop of
 * keep-alive kiosk clients, printed beside the one-phase issue's closed loop of the same run.
 */
import { randomUUID } from "node:crypto";
import type { LoopResult } from "./clock.ts";
import { closedLoop } from "./closedLoop.ts";
import { createJsonClient } from "./httpClient.ts";
import { ENQUIRY_ITEM } from "./issueBench.ts";

/** Load shape of the two-phase benchmark. */
export interface TwoPhaseBenchOptions {
  concurrency: number;
  durationMs: number;
}

/** The same clients and duration as the issue benchmark's closed loop. */
export const twoPhaseBenchDefaults: Readonly<TwoPhaseBenchOptions> = Object.freeze({
  concurrency: 16,
  durationMs: 5000,
});

/** The closed loop's result (one latency per reserve + printed round trip) and the first refusal, if any. */
export interface TwoPhaseResult {
  closed: LoopResult;
  firstRefusal: string | null;
}

/**
 * Run reserve + printed round trips against `url` as kiosk `kioskToken`. A round trip counts as ok when the
 * reservation answered 201 and the confirmation 200; any other answer is recorded as the first refusal.
 */
export async function runTwoPhaseBench(
  url: string,
  kioskToken: string,
  options: TwoPhaseBenchOptions = twoPhaseBenchDefaults,
): Promise<TwoPhaseResult> {
  let firstRefusal: string | null = null;
  const client = createJsonClient(url, { maxSockets: options.concurrency, timeoutMs: 60_000 });
  const refused = (step: string, answer: { status: number; body: unknown }) => {
    firstRefusal ??= `${step}: ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 120)}`;
    return false;
  };
  try {
    const closed = await closedLoop({
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      send: async () => {
        const reserved = await client.post("/api/tickets/reservations", kioskToken, {
          requestKey: randomUUID(),
          issue: { itemCode: ENQUIRY_ITEM },
        });
        if (reserved.status !== 201) return refused("reserve", reserved);
        const id = (reserved.body as { ticket: { id: number } }).ticket.id;
        const printed = await client.post(`/api/tickets/${id}/printed`, kioskToken, {});
        return printed.status === 200 || refused("printed", printed);
      },
    });
    if (closed.error) throw closed.error;
    return { closed, firstRefusal };
  } finally {
    client.close();
  }
}
