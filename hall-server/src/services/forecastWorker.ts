/**
 * The forecast's thread body (see forecastThread.ts): it receives a `ForecastInput`, runs the domain forecast and
 * posts the result back, so the hall's event loop never waits for the Monte Carlo runs.
 */
import { parentPort } from "node:worker_threads";
// The forecast alone, not the domain barrel: the thread is its own isolate, and every module it loads is its memory.
import { forecastWaits, type ForecastInput } from "../domain/forecast/forecastWaits.ts";

/** A request to the thread: the forecast input and an id the reply carries back. */
export interface ForecastRequest {
  id: number;
  input: ForecastInput;
}

parentPort?.on("message", (request: ForecastRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, result: forecastWaits(request.input) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
