/** The hall-server as one object: `start()` binds HTTP + WebSocket, `stop()` closes everything cleanly. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HallEvent } from "@onewindow/contract";
import type { Logger } from "pino";
import { createApp } from "./api/app.ts";
import { createHttpServer } from "./api/httpServer.ts";
import type { ResolvedConfig } from "./config.ts";
import { logEvent } from "./operatorLog.ts";
import { attachWebSocket } from "./realtime/wsHub.ts";
import { createLogger, loadOrCreateKeyring, type Keyring } from "./security/index.ts";
import { releaseUnclaimed } from "./services/appointments.ts";
import { createContext, type HallContext } from "./services/context.ts";
import { purgePersonalData } from "./services/maintenance.ts";
import { releaseLapsedSeats } from "./services/staffSessions.ts";
import { closePreviousDays } from "./services/tickets.ts";
import { scheduleNightlyBackups, type NightlyBackups } from "./backup/nightly.ts";
import { openDatabase } from "./store/db.ts";
import { acquireHallLock } from "./store/hallLock.ts";
import { ensureHallId } from "./store/hallId.ts";

export interface HallServer {
  ctx: HallContext;
  /**
   * Take the hall lock, start the nightly backup (config `backup`), listen. Rejects with `HallLockedError` when
   * another process serves this hall, `BackupError` when the nightly backup's passphrase file cannot be read, or
   * the listen error (EADDRINUSE …).
   */
  start(): Promise<AddressInfo>;
  stop(): Promise<void>;
}

export function createHallServer(
  config: ResolvedConfig,
  options: { clock?: () => number; log?: Logger; keyring?: Keyring; wsHeartbeatMs?: number } = {},
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
  // Every hall has a hall id from its first start on (backups carry it; a restore checks it).
  ensureHallId(ctx.store.settings);
  closePreviousDays(ctx);
  releaseLapsedSeats(ctx);
  const waiting = ctx.reloadMemory();
  const http: Server = createHttpServer(createApp(ctx));
  http.keepAliveTimeout = 65_000;
  const ws = attachWebSocket(ctx, http, { heartbeatMs: options.wsHeartbeatMs });
  ctx.bus.on("event", (event: HallEvent) => logEvent(log, event));
  const timers: NodeJS.Timeout[] = [];
  let releaseLock: (() => void) | undefined;
  let nightly: NightlyBackups | undefined;

  const housekeeping = (name: string, fn: () => unknown) => () => {
    try {
      fn();
    } catch (error) {
      log.error({ err: error, task: name }, "housekeeping task failed");
    }
  };

  return {
    ctx,
    start() {
      return new Promise((resolve, reject) => {
        try {
          // The serving process holds the hall lock (store/hallLock.ts): a second server or a restore is refused.
          releaseLock = acquireHallLock(config.dbPath, "hall-server start");
          if (config.backup) nightly = scheduleNightlyBackups({ db, config, log });
        } catch (error) {
          releaseLock?.();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const failed = (error: Error) => {
          releaseLock?.();
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
          const every = (ms: number, name: string, task: () => unknown) =>
            timers.push(setInterval(housekeeping(name, task), ms));
          every(60_000, "release-unclaimed", () => releaseUnclaimed(ctx));
          every(60_000, "close-previous-days", () => closePreviousDays(ctx));
          every(60_000, "release-lapsed-seats", () => releaseLapsedSeats(ctx));
          every(6 * 3_600_000, "purge", () => purgePersonalData(ctx));
          for (const t of timers) t.unref();
          log.info({ host: address.address, port: address.port, waiting }, "hall-server listening");
          resolve(address);
        });
      });
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      ws.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await nightly?.stop();
      db.close();
      releaseLock?.();
    },
  };
}
