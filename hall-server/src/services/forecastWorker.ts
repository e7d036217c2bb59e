/**
 * The forecast's thread body (see forecastThread.ts): it receives a forecast input whose waiting tickets are packed
 * in columns, runs the domain forecast and posts the result back with the tickets' forecasts as transferred columns,
 * so the hall's event loop neither waits for the Monte Carlo runs nor copies per-ticket objects either way.
 */
import { parentPort } from "node:worker_threads";
// The forecast alone, not the domain barrel: the thread is its own isolate, and every module it loads is its memory.
import { forecastWaits, type ForecastInput, type ForecastResult } from "../domain/forecast/forecastWaits.ts";
import { unpackWaiting, type PackedWaiting } from "../domain/forecast/packedWaiting.ts";
import type { TicketForecastColumns } from "../domain/forecast/ticketForecasts.ts";

/** A request to the thread: the forecast input (waiting tickets packed) and an id the reply carries back. */
export interface ForecastRequest {
  id: number;
  input: Omit<ForecastInput, "waiting"> & { waiting: PackedWaiting };
}

/** The thread's answer: the result with the tickets' forecasts as columns, or the error's message. */
export type ForecastReply =
  | { id: number; result: Omit<ForecastResult, "tickets"> & { tickets: TicketForecastColumns } }
  | { id: number; error: string };

parentPort?.on("message", (request: ForecastRequest) => {
  let reply: ForecastReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = forecastWaits({ ...request.input, waiting: unpackWaiting(request.input.waiting) });
    reply = { id: request.id, result: { ...result, tickets: result.tickets.columns } };
    transfer = result.tickets.transferList();
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, transfer);
});
