/**
 * The forecast's thread body (see forecastThread.ts): it receives a forecast input whose waiting tickets are packed
 * in columns and whose model is still to be fitted from the learner's observations, fits it, runs the domain forecast and posts the result back with the tickets' forecasts as transferred columns,
 * so the hall's event loop neither waits for the Monte Carlo runs nor copies per-ticket objects either way.
 */
import { parentPort } from "node:worker_threads";
// The forecast alone, not the domain barrel: the thread is its own isolate, and every module it loads is its memory.
import { forecastWaits, type ForecastInput, type ForecastResult } from "../domain/forecast/forecastWaits.ts";
import { hallModelOf, type LearnerState } from "../domain/forecast/hallLearner.ts";
import { unpackWaiting, type PackedWaiting } from "../domain/forecast/packedWaiting.ts";
import type { TicketForecastColumns } from "../domain/forecast/ticketForecasts.ts";

/** What the thread makes the model from: the learner's observations and the catalogue's typical minutes per item. */
export interface LearnedSource {
  state: LearnerState;
  priorMinutes: ReadonlyMap<number, number>;
}

/**
 * A request to the thread: the forecast input with its waiting tickets packed and its model still to be fitted (from
 * `learned`, at the input's `nowMs`), and an id the reply carries back.
 */
export interface ForecastRequest {
  id: number;
  input: Omit<ForecastInput, "waiting" | "model"> & { waiting: PackedWaiting; learned: LearnedSource };
}

/** The thread's answer: the result with the tickets' forecasts as columns, or the error's message. */
export type ForecastReply =
  | { id: number; result: Omit<ForecastResult, "tickets"> & { tickets: TicketForecastColumns } }
  | { id: number; error: string };

parentPort?.on("message", (request: ForecastRequest) => {
  let reply: ForecastReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { learned, waiting, ...rest } = request.input;
    const model = hallModelOf(learned.state, rest.nowMs, learned.priorMinutes);
    const result = forecastWaits({ ...rest, model, waiting: unpackWaiting(waiting) });
    reply = { id: request.id, result: { ...result, tickets: result.tickets.columns } };
    transfer = result.tickets.transferList();
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, transfer);
});
