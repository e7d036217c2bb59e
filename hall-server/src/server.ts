/** The hall-server as one object: `start()` binds HTTP + WebSocket, `stop()` closes everything cleanly. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HallEvent } from "@onewindow/contract";
import type { Logger } from "pino";
import { createApp, type AppOptions } from "./api/app.ts";
import { createHttpServer } from "./api/httpServer.ts";
import { listenOrigin } from "./api/listenOrigin.ts";
import type { ResolvedConfig } from "./config.ts";
import { logEvent } from "./operatorLog.ts";
import { attachWebSocket } from "./realtime/wsHub.ts";
import { createLogger, loadOrCreateKeyring, type Keyring } from "./security/index.ts";
import { releaseUnclaimed } from "./services/appointments.ts";
import { createContext, type HallContext } from "./services/context.ts";
import { closeEndedDays } from "./services/dayEnd.ts";
import { startDayEndTimer, type DayEndTimer } from "./services/dayEndTimer.ts";
import { ensureHallId } from "./services/hallIdentity.ts";
import { purgePersonalData } from "./services/maintenance.ts";
import { sweepDefaultRatings } from "./services/ratings.ts";
import { sweepLapsedReservations } from "./services/reservations.ts";
import { releaseLapsedSeats } from "./services/staffSessions.ts";
import { ForecastThread } from "./services/forecastThread.ts";
import { forecasterOf } from "./services/waitForecast.ts";
import { scheduleNightlyBackups, type NightlyBackups } from "./backup/nightly.ts";
import { openDatabase } from "./store/db.ts";

export interface HallServer {
  ctx: HallContext;
  /**
   * Start the voice (config `voice`; its segments are prepared in the background), the nightly backup (config
   * `backup`) and listen. Rejects with ConfigError for a voice engine that cannot be used (voice/voice.ts), with
   * `BackupError` NO_PASSPHRASE when the nightly backup's passphrase file cannot be read, or with the listen error
   * (EADDRINUSE …).
   */
  start(): Promise<AddressInfo>;
  stop(): Promise<void>;
  /** Requests received whose answer is not yet sent (the graceful stop waits for them). */
  inFlight(): number;
}

export function createHallServer(
  config: ResolvedConfig,
  options: {
    clock?: () => number;
    log?: Logger;
    keyring?: Keyring;
    wsHeartbeatMs?: number;
    /**
     * A bearer token that acts as the hall's operator (admin rights, audited as "cli") when it comes from this
     * machine; the CLI reads it from the 0600 lock file (cli/hallLock.ts). Omit for no operator access.
     */
    operatorToken?: string;
    /** How long `stop()` lets in-flight requests finish before cutting their connections (ms, default 10,000). */
    drainMs?: number;
    /**
     * Period (ms, default 5,000) of the sweep that voids reservations past their `expiresAt` by the hall's clock; a
     * confirm or void sweeps first anyway, so this only bounds how soon an untouched lapsed number is recorded.
     */
    reservationSweepMs?: number;
    /**
     * Period (ms, default 60,000) of the sweep that gives unrated services their default rating once the region's
     * delay (config `ratings.defaultRating`) has passed on the hall's clock.
     */
    ratingSweepMs?: number;
    /**
     * Run the wait forecast in a worker thread (services/forecastThread.ts), so recomputing it never holds up a
     * request. The CLI's `start` turns it on; tests run it inline (deterministic, no thread per test hall).
     */
    forecastThread?: boolean;
    /** The pages served beside the API (default: the hall's, pages/hallPages.ts). */
    pages?: AppOptions["pages"];
    /** Test-only contract checker (see AppOptions.checkAnswers in api/app.ts). */
    checkAnswers?: (problem: string) => void;
  } = {},
): HallServer {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const db = openDatabase(config.dbPath);
  const ctx = createContext({
    db,
    config,
    clock: options.clock ?? Date.now,
    keyring: options.keyring ?? loadOrCreateKeyring(config.keyPath),
    log,
  });
  ensureHallId(ctx);
  // Tickets still waiting from a day that ended while the server was down expire now, before anything is served.
  closeEndedDays(ctx);
  releaseLapsedSeats(ctx);
  const waiting = ctx.reloadMemory();
  const forecastThread = options.forecastThread === true ? new ForecastThread() : undefined;
  if (forecastThread) forecasterOf(ctx).useThread(forecastThread);
  const http: Server = createHttpServer(
    createApp(ctx, { operatorToken: options.operatorToken, checkAnswers: options.checkAnswers, pages: options.pages }),
  );
  // In-flight requests, so `stop()` can let them finish (SIGTERM from systemd) instead of cutting them.
  let inFlight = 0;
  let stopping = false;
  http.on("request", (_req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      // A keep-alive connection whose last answer just went out is idle now: close it so `close()` can finish.
      if (stopping) http.closeIdleConnections();
    });
  });
  http.keepAliveTimeout = 65_000;
  const ws = attachWebSocket(ctx, http, { heartbeatMs: options.wsHeartbeatMs });
  ctx.bus.on("event", (event: HallEvent) => logEvent(log, event));
  const timers: NodeJS.Timeout[] = [];
  let nightly: NightlyBackups | undefined;
  let dayEnd: DayEndTimer | undefined;

  const housekeeping = (name: string, fn: () => unknown) => () => {
    try {
      fn();
    } catch (error) {
      log.error({ err: error, task: name }, "housekeeping task failed");
    }
  };

  return {
    ctx,
    inFlight: () => inFlight,
    async start() {
      await ctx.voice.start();
      return new Promise((resolve, reject) => {
        try {
          if (config.backup) nightly = scheduleNightlyBackups({ db, config, log });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const failed = (error: Error) => {
          void nightly?.stop();
          reject(error);
        };
        http.once("error", failed);
        http.listen(config.port, config.host, () => {
          http.off("error", failed);
          // After listening, errors come from accepting connections (EMFILE under a flood): log them and keep
          // serving the connections that are open; without a listener Node would end the process.
          http.on("error", (error) => log.error({ err: error }, "HTTP server error; still serving"));
          const address = http.address() as AddressInfo;
          ctx.listenOrigin = listenOrigin(address);
          const every = (ms: number, name: string, task: () => unknown) =>
            timers.push(setInterval(housekeeping(name, task), ms));
          every(60_000, "release-unclaimed", () => releaseUnclaimed(ctx));
          // At the hall's local midnight exactly (not on a period counted from start-up), so screens hear of the
          // expired tickets then; the first change after midnight would expire them anyway (services/dayEnd.ts).
          dayEnd = startDayEndTimer({
            clock: ctx.clock,
            config,
            onDayEnd: () => closeEndedDays(ctx),
            onError: (error) => log.error({ err: error, task: "close-ended-days" }, "housekeeping task failed"),
          });
          every(60_000, "release-lapsed-seats", () => releaseLapsedSeats(ctx));
          every(options.reservationSweepMs ?? 5_000, "void-lapsed-reservations", () => sweepLapsedReservations(ctx));
          every(options.ratingSweepMs ?? 60_000, "default-ratings", () => sweepDefaultRatings(ctx));
          every(6 * 3_600_000, "purge", () => purgePersonalData(ctx));
          for (const t of timers) t.unref();
          log.info({ host: address.address, port: address.port, waiting }, "hall-server listening");
          resolve(address);
        });
      });
    },
    /**
     * Stop accepting connections, close WebSockets (1001), let in-flight requests finish (up to `drainMs`, then cut
     * them), and close the database (its WAL is checkpointed and removed). Resolves when all of that is done.
     */
    async stop() {
      stopping = true;
      for (const t of timers) clearInterval(t);
      dayEnd?.stop();
      ws.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      if (inFlight > 0) {
        const cut = setTimeout(() => http.closeAllConnections(), options.drainMs ?? 10_000);
        await closed;
        clearTimeout(cut);
      } else {
        http.closeAllConnections();
        await closed;
      }
      // A nightly backup in progress reads through `db`: let it finish before closing it.
      await nightly?.stop();
      await forecastThread?.close();
      // The voice may still be rendering its segments (first start): no new espeak-ng run, the running one ends.
      await ctx.voice.stop();
      db.close();
    },
  };
}
