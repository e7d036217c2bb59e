/**
 * `hall-server init --dir <dir> (--demo | --catalog <file>)`: create a hall directory (config.json, keys.json,
 * data/hall.db), import its catalogue, give it a hall id, and create the first administrator (password from a
 * terminal prompt, `--admin-password-file`, or standard input). Also `createHall`, which `demo` reuses.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Catalog, StaffImport } from "@onewindow/contract";
import type { Command } from "commander";
import { loadHallConfig } from "../config.ts";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { importCatalogJson } from "../services/catalogAdmin.ts";
import { ensureHallId } from "../services/hallIdentity.ts";
import { readCatalogFile } from "./catalogFile.ts";
import { changeHall } from "./hallAccess.ts";
import { readSecret } from "./secrets.ts";
import { CliError, fsProblem, intOption, textOption, withExample } from "./support.ts";

/** What a new hall is made of. */
export interface NewHall {
  dir: string;
  catalog: Catalog;
  port: number;
  /** Listen address written to config.json: "0.0.0.0" (the LAN) for a real hall, loopback for the demo. */
  host: string;
  demoMode: boolean;
  hallName?: string | undefined;
  /** The URL phones open status pages at (`publicBaseUrl`): required for a real hall, none for the demo. */
  publicBaseUrl?: string | undefined;
}

/**
 * Create the hall directory: config.json, the key file, the database with `catalog` imported, and the hall id.
 * Returns the config path and the hall id. Throws CliError when the hall exists or the directory is not writable.
 */
export async function createHall(hall: NewHall): Promise<{ configPath: string; hallId: string }> {
  const configPath = join(hall.dir, "config.json");
  if (existsSync(configPath)) throw new CliError(`${configPath} already exists: this hall is initialised (flag --dir)`);
  try {
    mkdirSync(hall.dir, { recursive: true });
    writeFileSync(
      configPath,
      JSON.stringify(
        {
          hallName: hall.hallName ?? (hall.demoMode ? "示范区政务服务中心 (demo)" : "政务服务中心"),
          host: hall.host,
          port: hall.port,
          dataDir: "data",
          keyFile: "keys.json",
          demoMode: hall.demoMode,
          ...(hall.publicBaseUrl === undefined ? {} : { publicBaseUrl: hall.publicBaseUrl }),
        },
        null,
        2,
      ) + "\n",
    );
  } catch (error) {
    throw fsProblem("create the hall in", `${hall.dir} (flag --dir)`, error);
  }
  // The environment must not move a new hall's data elsewhere than its config says: ignore it here.
  const { config } = loadHallConfig(configPath, { env: {} });
  try {
    const hallId = await changeHall(config, {
      what: "initialise it",
      local: async (ctx) => {
        await importCatalogJson(ctx, hall.catalog);
        return ensureHallId(ctx);
      },
    });
    return { configPath, hallId };
  } catch (error) {
    // Half a hall is worse than none: a retry must not find "already initialised".
    rmSync(configPath, { force: true });
    rmSync(config.dbPath, { force: true });
    throw error;
  }
}

/** The catalogue with `employeeNo` as an active admin holding `password` (added, or promoted if present). */
function withAdmin(catalog: Catalog, employeeNo: string, name: string, password: string): Catalog {
  const existing = catalog.staff.find((s) => s.employeeNo === employeeNo);
  const admin = StaffImport.safeParse({ ...(existing ?? { employeeNo, name, skills: [] }), role: "admin", password });
  if (!admin.success)
    throw new CliError(
      `the first administrator: ${admin.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return {
    ...catalog,
    staff: existing
      ? catalog.staff.map((s) => (s.employeeNo === employeeNo ? admin.data : s))
      : [...catalog.staff, admin.data],
  };
}

interface InitOptions {
  dir: string;
  demo?: boolean;
  catalog?: string;
  port: number;
  host?: string;
  hallName?: string;
  publicUrl?: string;
  admin?: string;
  adminName: string;
  adminPasswordFile?: string;
}

/**
 * Why a real hall needs `publicBaseUrl`: every ticket's QR code links to it, and the listen address ("0.0.0.0", a
 * name behind a proxy) is not what a phone can open. The demo links to the address it listens on instead.
 */
export const PUBLIC_URL_NEEDED =
  "a real hall needs --public-url: the URL phones open the status page at (the QR code on every ticket), " +
  "e.g. https://hall.example.gov.cn or http://192.168.1.10:8080 (the demo needs none: --demo)";

const isHttpUrl = (url: string) => {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

/** Register `init`. */
export function registerInit(program: Command): void {
  withExample(
    program
      .command("init")
      .description("create a hall: config, keys, database, catalogue, hall id and the first administrator")
      .requiredOption("--dir <dir>", "the new hall's directory")
      .option("--demo", "use the demo catalogue (its staff have demo credentials; no admin prompt)")
      .option(
        "--catalog <file>",
        "the catalogue: a workbook (.xlsx) or JSON, e.g. hall-server/src/demo/exampleCatalog.xlsx or an export",
      )
      .option("--port <n>", "port written to config.json", intOption("--port", 0, 65535), 8080)
      .option(
        "--host <address>",
        'listen address for config.json (default "0.0.0.0": the LAN; demo: 127.0.0.1)',
        textOption("--host"),
      )
      .option("--hall-name <name>", "the hall's name on screens", textOption("--hall-name", 100))
      .option(
        "--public-url <url>",
        "the URL phones reach the hall at, for the status-page QR code on every ticket (required without --demo)",
        textOption("--public-url", 200),
      )
      .option(
        "--admin <employeeNo>",
        'employee number of the first administrator (default "admin"; promoted if the catalogue has it)',
        textOption("--admin", 32),
      )
      .option("--admin-name <name>", "the administrator's name when added", textOption("--admin-name", 50), "管理员")
      .option(
        "--admin-password-file <file>",
        "read the administrator's password (8-200 characters) from the first line of this file",
      ),
    "hall-server init --dir /srv/hall --catalog catalog.xlsx --admin-password-file ./admin-password.txt",
    "hall-server init --dir .demo-hall --demo",
  ).action(async (opts: InitOptions) => {
    if (Boolean(opts.demo) === Boolean(opts.catalog))
      throw new CliError("init needs exactly one of --demo or --catalog <file>");
    if (!opts.demo && opts.publicUrl === undefined) throw new CliError(PUBLIC_URL_NEEDED);
    if (opts.publicUrl !== undefined && !isHttpUrl(opts.publicUrl))
      throw new CliError(
        `--public-url must be an http(s) URL, e.g. https://hall.example.gov.cn, not "${opts.publicUrl}"`,
      );
    let catalog = opts.demo ? Catalog.parse(demoCatalog) : await readCatalogFile(opts.catalog!);
    const dir = resolve(opts.dir);
    if (existsSync(join(dir, "config.json")))
      throw new CliError(`${join(dir, "config.json")} already exists: this hall is initialised (flag --dir)`);
    // A catalogue that brings an admin with a password (the demo's) needs no new one, unless --admin asks for it.
    const hasAdmin = catalog.staff.some((s) => s.role === "admin" && s.password !== undefined);
    let adminLine = "";
    if (opts.admin !== undefined || !hasAdmin) {
      const employeeNo = opts.admin ?? "admin";
      const { secret, from } = await readSecret({
        label: "administrator password",
        file: opts.adminPasswordFile,
        fileFlag: "--admin-password-file",
      });
      catalog = withAdmin(catalog, employeeNo, opts.adminName, secret);
      adminLine = `\nadministrator ${employeeNo} created (password from ${from}); sign in: POST /api/auth/login {"employeeNo":"${employeeNo}","password":…}`;
    }
    const { configPath, hallId } = await createHall({
      dir,
      catalog,
      port: opts.port,
      host: opts.host ?? (opts.demo ? "127.0.0.1" : "0.0.0.0"),
      demoMode: Boolean(opts.demo),
      hallName: opts.hallName,
      publicBaseUrl: opts.publicUrl,
    });
    console.log(
      `initialised ${configPath} (hall id ${hallId})${adminLine}\nnext: pair devices with hall-server device add --config ${configPath}; start it with hall-server start --config ${configPath}`,
    );
  });
}
