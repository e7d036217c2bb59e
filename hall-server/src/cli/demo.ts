/**
 * `hall-server demo [--dir .demo-hall] [--port n] [--host addr]`: create the demo hall once (demo catalogue, paired
 * demo devices, tokens in devices.json), then serve it and print one banner with every URL, the device token file
 * and the sign-in credentials. --port/--host (or ONEWINDOW_PORT/HOST) override config.json on every run.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join, resolve } from "node:path";
import { Catalog } from "@onewindow/contract";
import type { Command } from "commander";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { createDevice, pairDevice } from "../services/devices.ts";
import { changeHall, loadForCli } from "./hallAccess.ts";
import { createHall } from "./init.ts";
import { listenOptions } from "./options.ts";
import { serveHall } from "./start.ts";
import { withExample } from "./support.ts";

/** The demo catalogue's documented credentials (see README). */
export const DEMO_CREDENTIALS = { admin: "GW001", adminPassword: "onewindow-admin", staffPin: "123456" } as const;

interface DemoDevice {
  name: string;
  kind: string;
  windowNumber?: number;
  token: string;
}

/** Register `demo`. */
export function registerDemo(program: Command): void {
  withExample(
    listenOptions(
      program
        .command("demo")
        .description("create (once) and serve a demo hall with paired demo devices; prints how to use it")
        .option("--dir <dir>", "the demo hall's directory", ".demo-hall"),
    ),
    "hall-server demo --port 8080",
    "ONEWINDOW_HOST=0.0.0.0 hall-server demo   # reachable from the LAN",
  ).action(async (opts: { dir: string; port?: number; host?: string }) => {
    const dir = resolve(opts.dir);
    const configPath = join(dir, "config.json");
    const devicesPath = join(dir, "devices.json");
    if (!existsSync(configPath)) {
      await createHall({ dir, catalog: Catalog.parse(demoCatalog), port: 8080, host: "127.0.0.1", demoMode: true });
      const { config } = loadForCli(configPath, {});
      const devices = await changeHall(config, {
        what: "pair the demo devices",
        local: (ctx) =>
          [
            { name: "kiosk-1", kind: "kiosk" as const },
            { name: "hall-screen", kind: "screen" as const },
            // The online hall (网上办事大厅): it books and takes tickets in one phase, as staff do (a kiosk prints).
            { name: "online-hall", kind: "gateway" as const },
            ...[1, 2, 3].map((n) => ({ name: `counter-${n}`, kind: "counter" as const, windowNumber: n })),
          ].map((d) => ({ ...d, token: pairDevice(ctx, createDevice(ctx, d).pairingCode).token })),
      });
      writeFileSync(devicesPath, JSON.stringify(devices, null, 2) + "\n", { mode: 0o600 });
      chmodSync(devicesPath, 0o600);
    }
    const loaded = loadForCli(configPath, { port: opts.port, host: opts.host });
    const { server, url } = await serveHall(loaded);
    const devices = existsSync(devicesPath) ? (JSON.parse(readFileSync(devicesPath, "utf8")) as DemoDevice[]) : [];
    process.stdout.write(
      banner({ hallName: server.ctx.config.hallName, host: loaded.config.host, url, devicesPath, devices }),
    );
  });
}

/** Every URL a browser or device on the LAN could use, for a wildcard listen address. */
function lanUrls(host: string, localUrl: string): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [];
  const port = new URL(localUrl).port;
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === "IPv4" && !a.internal)
    .map((a) => `http://${a!.address}:${port}`);
}

/** The demo's banner: a framed block printed once the hall listens, so it is not lost among log lines. */
export function banner(input: {
  hallName: string;
  host: string;
  url: string;
  devicesPath: string;
  devices: DemoDevice[];
}): string {
  const kiosk = input.devices.find((d) => d.kind === "kiosk")?.token ?? "<kiosk token>";
  const firstItem = (demoCatalog as { items: { code: string }[] }).items[0]?.code ?? "";
  const rule = "=".repeat(78);
  const lines = [
    rule,
    `OneWindow demo hall: ${input.hallName}`,
    `  answering on ${input.url}   (health: ${input.url}/health)`,
    ...lanUrls(input.host, input.url).map((u) => `  on the LAN    ${u}`),
    `  API reference ${input.url}/api/docs   (OpenAPI 3.1: ${input.url}/api/openapi.json)`,
    `  events        ${input.url.replace(/^http/, "ws")}/ws?token=<device or staff token>`,
    `  device tokens ${input.devicesPath}`,
    `                (${input.devices.map((d) => d.name).join(", ")}; counters sign staff in at their window)`,
    `  sign in       admin ${DEMO_CREDENTIALS.admin} password ${DEMO_CREDENTIALS.adminPassword}; staff GW005-GW020 PIN ${DEMO_CREDENTIALS.staffPin}`,
    `  try           curl -s -X POST -H "Authorization: Bearer ${kiosk}" -H "Content-Type: application/json" \\`,
    `                  -d '{"requestKey":"'$(node -pe 'crypto.randomUUID()')'","issue":{"itemCode":"${firstItem}"}}' \\`,
    `                  ${input.url}/api/tickets/reservations`,
    `                (a kiosk reserves, prints, then confirms: POST ${input.url}/api/tickets/<id>/printed)`,
    `  stop          Ctrl+C (or SIGTERM); delete ${resolve(input.devicesPath, "..")} to start over`,
    rule,
  ];
  return lines.join("\n") + "\n";
}
