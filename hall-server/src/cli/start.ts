/**
 * `hall-server start`: serve a hall until SIGTERM/SIGINT. Also `serveHall`, which `demo` reuses (with a step of its
 * own before the hall stops).
 *
 *   take the lock (refuse naming the pid if the hall runs) -> open + listen -> write url + operator token into
 *   the lock -> ... SIGTERM: stop accepting, finish in-flight requests, close the database, remove the lock, exit 0
 */
import type { AddressInfo } from "node:net";
import type { Command } from "commander";
import pretty from "pino-pretty";
import type { LoadedConfig } from "../config.ts";
import { createLogger, newToken } from "../security/index.ts";
import { createHallServer, type HallServer } from "../server.ts";
import { acquireLock } from "./hallLock.ts";
import { loadForCli } from "./hallAccess.ts";
import { configOption, listenOptions } from "./options.ts";
import { CliError, fsProblem, withExample } from "./support.ts";
import { watchLauncher } from "./launcherWatch.ts";

/** Register `start`. */
export function registerStart(program: Command): void {
  withExample(
    listenOptions(configOption(program.command("start").description("serve the hall (until SIGTERM or Ctrl+C)"))),
    "hall-server start --config /srv/hall/config.json",
    "ONEWINDOW_PORT=9000 hall-server start --config /srv/hall/config.json --host 0.0.0.0",
  ).action(async (opts: { config: string; port?: number; host?: string }) => {
    const loaded = loadForCli(opts.config, { port: opts.port, host: opts.host });
    const { server, url } = await serveHall(loaded);
    const { host, hallName } = server.ctx.config;
    const lan = host === "0.0.0.0" || host === "::" ? ` and every address of this machine (host ${host})` : "";
    console.log(`OneWindow hall-server for "${hallName}" answering on ${url}${lan}  (health: ${url}/health)`);
    if (server.ctx.config.demoMode) console.log("demo mode: service hours are not enforced");
  });
}

/** The URL this machine reaches a server at: loopback for wildcard and loopback hosts, else the host itself. */
export function localUrl(address: AddressInfo): string {
  const wildcard = ["0.0.0.0", "::", "127.0.0.1", "::ffff:127.0.0.1"].includes(address.address);
  if (wildcard) return `http://127.0.0.1:${address.port}`;
  return address.family === "IPv6"
    ? `http://[${address.address}]:${address.port}`
    : `http://${address.address}:${address.port}`;
}

/** Human-readable logs at a terminal (pino-pretty, synchronous), JSON lines otherwise (systemd's journal, a pipe). */
function loggerFor(level: string) {
  return createLogger({
    level,
    destination: process.stdout.isTTY
      ? pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" })
      : undefined,
  });
}

/**
 * Open and serve the hall of `loaded` until SIGTERM/SIGINT (then exit 0 after a clean stop). Resolves once it
 * listens, with the server and its local URL. Throws CliError naming the value and its source for a port in use,
 * a host that is not this machine's, a data directory that cannot be written, or a hall already running.
 */
export async function serveHall(
  loaded: LoadedConfig,
  options: {
    /** Run first on SIGTERM/SIGINT, before the hall stops (the demo stops its station agent and devices here). */
    beforeStop?: () => Promise<void>;
  } = {},
): Promise<{ server: HallServer; url: string }> {
  const { config, sourceOf } = loaded;
  const lock = acquireLock(config, "server", `dataDir from ${sourceOf("dataDir")}`);
  const operatorToken = newToken();
  let server: HallServer;
  try {
    server = createHallServer(config, { log: loggerFor(config.logLevel), operatorToken, forecastThread: true });
  } catch (error) {
    lock.release();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EROFS" || code === "ENOENT" || code === "EPERM")
      throw fsProblem(`open the database (dataDir from ${sourceOf("dataDir")})`, config.dbPath, error);
    throw error;
  }
  let address: AddressInfo;
  try {
    address = await server.start();
  } catch (error) {
    await server.stop();
    lock.release();
    const code = (error as NodeJS.ErrnoException).code;
    const port = `port ${config.port} (${sourceOf("port")})`;
    const host = `host ${config.host} (${sourceOf("host")})`;
    if (code === "EADDRINUSE") throw new CliError(`${port} is already in use on ${config.host}`);
    if (code === "EACCES") throw new CliError(`not allowed to listen on ${port}: ports below 1024 need privileges`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN")
      throw new CliError(`${host} is not an address of this machine`);
    throw error;
  }
  const url = localUrl(address);
  lock.update({ url, token: operatorToken });
  // Whatever ends the process (an error after this point, process.exit), the lock must not outlive it.
  process.once("exit", () => lock.release());

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.ctx.log.info({ signal }, "shutting down: finishing in-flight requests");
    void (options.beforeStop?.() ?? Promise.resolve())
      .catch((error: unknown) => server.ctx.log.error({ err: error }, "stopping beside the hall failed"))
      .then(() => server.stop())
      .then(() => {
        lock.release();
        server.ctx.log.info("stopped cleanly");
        process.exit(0);
      })
      .catch((error: unknown) => {
        lock.release();
        server.ctx.log.error({ err: error }, "unclean stop");
        process.exit(1);
      });
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  watchLauncher(() => shutdown("npm, which launched this server, exited"));
  // Last resort only. Every boundary a request, socket or timer reaches (routes, the WebSocket hub, bus subscribers,
  // housekeeping) catches and logs its own failures and keeps serving; what still lands here comes from state
  // nobody can vouch for, so say so where operators look and exit for the service manager to start a clean process.
  const fatal = (kind: string) => (error: unknown) => {
    server.ctx.log.fatal({ err: error }, `${kind}: exiting so a clean process can take over`);
    lock.release();
    process.exit(1);
  };
  process.on("uncaughtException", fatal("uncaught exception"));
  process.on("unhandledRejection", fatal("unhandled rejection"));
  return { server, url };
}
