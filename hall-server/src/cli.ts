/**
 * hall-server CLI, the composition root:
 *   hall-server init --dir <d> (--demo | --catalog <file>) [--port <n>]
 *   hall-server start [--config <file>]
 *   hall-server catalog import <file> [--dry-run] [--force] [--config <file>]
 *   hall-server catalog export [<file>] [--config <file>]
 *   hall-server demo [--dir <d>] [--port <n>]
 * Bad flags or config: a clear message on stderr and exit code 2. A catalogue import follows the API's rules: it
 * is refused (exit 1, naming what would be removed) when it would leave the hall without items, windows or an
 * admin, unless --force; --dry-run prints the diff and changes nothing.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { Catalog } from "@onewindow/contract";
import { ConfigError, loadConfigFile } from "./config.ts";
import { isAppError } from "./errors.ts";
import { createHallServer } from "./server.ts";
import { importCatalogJson, exportCatalogJson } from "./services/catalogAdmin.ts";
import { createDevice, pairDevice } from "./services/devices.ts";
import demoCatalog from "./demo/demoCatalog.json" with { type: "json" };

class UsageError extends Error {}

const USAGE = `usage:
  hall-server init --dir <dir> (--demo | --catalog <file>) [--port <n>]
  hall-server start [--config <file>]
  hall-server catalog import <file> [--dry-run] [--force] [--config <file>]
  hall-server catalog export [<file>] [--config <file>]
  hall-server demo [--dir <dir>] [--port <n>]`;

function parse(
  args: string[],
  options: ParseArgsConfig["options"],
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function readCatalog(path: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`cannot read catalogue ${path}: ${(error as Error).message}`);
  }
  const parsed = Catalog.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `catalogue ${path} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  return parsed.data;
}

function portFlag(value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0-65535, got "${String(value)}"`);
  return port;
}

/** Create a hall directory: config.json, keys.json (outside the database), the database and its catalogue. */
async function init(dir: string, catalog: Catalog, port: number, demoMode: boolean): Promise<string> {
  const configPath = join(dir, "config.json");
  if (existsSync(configPath)) throw new ConfigError(`${configPath} already exists: this hall is initialised`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        hallName: demoMode ? "示范区政务服务中心 (demo)" : "政务服务中心",
        port,
        dataDir: "data",
        keyFile: "keys.json",
        demoMode,
      },
      null,
      2,
    ) + "\n",
  );
  const server = createHallServer(loadConfigFile(configPath));
  try {
    await importCatalogJson(server.ctx, catalog);
  } finally {
    await server.stop();
  }
  return configPath;
}

async function start(configPath: string): Promise<void> {
  const server = createHallServer(loadConfigFile(configPath));
  const address = await server.start();
  const url = `http://${address.address}:${address.port}`;
  console.log(`OneWindow hall-server for "${server.ctx.config.hallName}" answering on ${url}  (health: ${url}/health)`);
  if (server.ctx.config.demoMode) console.log("demo mode: service hours are not enforced");
  const shutdown = (signal: string) => {
    server.ctx.log.info({ signal }, "shutting down");
    void server.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  // Last resort only. Every boundary a request, socket or timer reaches (routes, the WebSocket hub, bus subscribers,
  // housekeeping) catches and logs its own failures and keeps serving; what still lands here comes from state
  // nobody can vouch for, so say so where operators look and exit for the service manager to start a clean process.
  const fatal = (kind: string) => (error: unknown) => {
    server.ctx.log.fatal({ err: error }, `${kind}: exiting so a clean process can take over`);
    process.exit(1);
  };
  process.on("uncaughtException", fatal("uncaught exception"));
  process.on("unhandledRejection", fatal("unhandled rejection"));
}

/** Demo hall: initialise once (demo catalogue + paired demo devices), then start and print how to use it. */
async function demo(dir: string, port: number): Promise<void> {
  const configPath = join(dir, "config.json");
  const devicesPath = join(dir, "devices.json");
  if (!existsSync(configPath)) {
    await init(dir, Catalog.parse(demoCatalog), port, true);
    const server = createHallServer(loadConfigFile(configPath));
    try {
      const devices = [
        { name: "kiosk-1", kind: "kiosk" as const },
        { name: "hall-screen", kind: "screen" as const },
        ...[1, 2, 3].map((n) => ({ name: `counter-${n}`, kind: "counter" as const, windowNumber: n })),
      ].map((d) => ({ ...d, token: pairDevice(server.ctx, createDevice(server.ctx, d).pairingCode).token }));
      writeFileSync(devicesPath, JSON.stringify(devices, null, 2) + "\n");
      chmodSync(devicesPath, 0o600);
    } finally {
      await server.stop();
    }
  }
  await start(configPath);
  const devices = JSON.parse(readFileSync(devicesPath, "utf8")) as { name: string; token: string }[];
  const kiosk = devices.find((d) => d.name === "kiosk-1")?.token ?? "";
  console.log(`demo hall in ${dir}; device tokens in ${devicesPath}
staff PIN for GW005..GW020: 123456; admin GW001 password: onewindow-admin
try:
  curl -s -X POST -H "Authorization: Bearer ${kiosk}" -H "Content-Type: application/json" \\
    -d '{"itemCode":"${firstItem()}"}' http://127.0.0.1:${port === 0 ? "<port>" : port}/api/tickets`);
}

const firstItem = () => (demoCatalog as { items: { code: string }[] }).items[0]?.code ?? "";

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "init": {
      const { values } = parse(rest, {
        dir: { type: "string" },
        demo: { type: "boolean" },
        catalog: { type: "string" },
        port: { type: "string" },
      });
      if (!values.dir) throw new UsageError("init needs --dir <dir>");
      if (Boolean(values.demo) === Boolean(values.catalog))
        throw new UsageError("init needs exactly one of --demo or --catalog <file>");
      const catalog = values.demo ? Catalog.parse(demoCatalog) : readCatalog(String(values.catalog));
      const configPath = await init(
        resolve(String(values.dir)),
        catalog,
        portFlag(values.port, 8080),
        Boolean(values.demo),
      );
      console.log(`initialised ${configPath}; start it with: hall-server start --config ${configPath}`);
      return;
    }
    case "start": {
      const { values } = parse(rest, { config: { type: "string", default: "config.json" } });
      return start(resolve(String(values.config)));
    }
    case "catalog": {
      const { values, positionals } = parse(rest, {
        config: { type: "string", default: "config.json" },
        "dry-run": { type: "boolean" },
        force: { type: "boolean" },
      });
      const [verb, file] = positionals;
      const server = createHallServer(loadConfigFile(resolve(String(values.config))));
      try {
        if (verb === "import") {
          if (!file) throw new UsageError("catalog import needs a file");
          const options = { dryRun: Boolean(values["dry-run"]), force: Boolean(values.force), caller: "cli" as const };
          console.log(JSON.stringify(await importCatalogJson(server.ctx, readCatalog(file), options)));
        } else if (verb === "export") {
          const json = JSON.stringify(exportCatalogJson(server.ctx, { withStaff: true }), null, 2) + "\n";
          if (file) writeFileSync(file, json);
          else process.stdout.write(json);
        } else throw new UsageError(`catalog needs import or export, got "${verb ?? ""}"`);
      } finally {
        await server.stop();
      }
      return;
    }
    case "demo": {
      const { values } = parse(rest, { dir: { type: "string", default: ".demo-hall" }, port: { type: "string" } });
      return demo(resolve(String(values.dir)), portFlag(values.port, 8080));
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`hall-server: ${error.message}\n${USAGE}`);
  else if (error instanceof ConfigError || isAppError(error)) console.error(`hall-server: ${error.message}`);
  else console.error(error);
  process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
});
