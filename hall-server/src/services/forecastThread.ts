/**
 * A worker thread that runs wait forecasts off the hall's event loop (forecastWorker.ts), one at a time.
 *
 *   HallForecaster --input (tickets packed in transferred columns, learner's observations)--> worker: fit the
 *                                                                      model, forecastWaits
 *                  <--result (tickets' forecasts as transferred columns)--
 *
 * The repository runs TypeScript through tsx on the main thread (bin/hall-server.js). The thread does not: its body is
 * bundled once per process into one plain script of about 20 kB (esbuild, the compiler tsx itself uses; well under a
 * second), so the thread carries no TypeScript loader and no loader thread of its own. Measured here, a thread that
 * registered tsx and loaded the domain through its barrel added 52 MB to the process; this one adds about 18 MB.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
import { packedTransferList, packWaiting, TicketForecasts } from "../domain/index.ts";
import type { ForecastInput, ForecastResult } from "../domain/index.ts";
import type { ForecastReply, ForecastRequest, LearnedSource } from "./forecastWorker.ts";

/** A forecast for the thread: its input, with the model left for the thread to fit from what the learner saw. */
export type ThreadForecastInput = Omit<ForecastInput, "model"> & { learned: LearnedSource };

let workerScript: string | undefined;
/** forecastWorker.ts and what it imports as one CommonJS script (what `new Worker(code, { eval: true })` runs). */
function forecastWorkerScript(): string {
  workerScript ??= buildSync({
    entryPoints: [fileURLToPath(new URL("./forecastWorker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  }).outputFiles[0]!.text;
  return workerScript;
}

/** One forecast worker thread. `compute` rejects when the thread fails or has been closed. */
export class ForecastThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(r: ForecastResult): void; reject(e: Error): void }>();
  #nextId = 1;
  #closed = false;

  constructor() {
    this.#worker = new Worker(forecastWorkerScript(), { eval: true });
    // The hall may stop without closing the thread first (a crash path): never keep the process alive for it.
    this.#worker.unref();
    this.#worker.on("message", (reply: ForecastReply) => {
      const waiter = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (!waiter) return;
      if ("error" in reply) waiter.reject(new Error(`forecast failed: ${reply.error}`));
      else waiter.resolve({ ...reply.result, tickets: new TicketForecasts(reply.result.tickets) });
    });
    this.#worker.on("error", (error) => this.#failAll(error));
    this.#worker.on("exit", (code) => this.#failAll(new Error(`forecast thread exited with code ${code}`)));
  }

  #failAll(error: Error): void {
    this.#closed = true;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }

  /** Run one forecast in the thread. `input.waiting` is read once, now (it may be the live waiting index). */
  compute(input: ThreadForecastInput): Promise<ForecastResult> {
    if (this.#closed) return Promise.reject(new Error("the forecast thread is closed"));
    const id = this.#nextId++;
    const waiting = packWaiting(input.waiting);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage(
        { id, input: { ...input, waiting } } satisfies ForecastRequest,
        packedTransferList(waiting),
      );
    });
  }

  /** Stop the thread; pending forecasts reject. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker.terminate();
  }
}
