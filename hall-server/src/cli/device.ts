/**
 * `hall-server device add --name <n> --kind <kind> [--window <n>]`: register a device and print its one-time
 * pairing code (8 digits, valid 15 minutes), through the running hall when it is up. `device list`: read-only.
 */
import { CreateDeviceBody, DeviceKind, type DeviceView } from "@onewindow/contract";
import { Option, type Command } from "commander";
import { createDevice, listDevices } from "../services/devices.ts";
import { changeHall, loadForCli, readHall } from "./hallAccess.ts";
import { configOption, writeOut } from "./options.ts";
import { CliError, commandGroup, intOption, textOption, withExample } from "./support.ts";

type Created = ReturnType<typeof createDevice>;

/** Register `device add` and `device list`. */
export function registerDevice(program: Command): void {
  const device = commandGroup(
    program,
    "device",
    "register devices (kiosks, counters, screens, gateways) and list them",
    "hall-server device add --name counter-1 --kind counter --window 1 --config /srv/hall/config.json",
  );

  withExample(
    configOption(
      device
        .command("add")
        .description("register a device and print its one-time pairing code (through the running hall when up)")
        .requiredOption("--name <name>", "a name for people, e.g. kiosk-1", textOption("--name", 100))
        .addOption(new Option("--kind <kind>", "what it is").choices(DeviceKind.options).makeOptionMandatory())
        .option("--window <n>", "the window a counter belongs to", intOption("--window", 1, 9999))
        .option("--json", "print the answer as JSON"),
    ),
    "hall-server device add --name kiosk-1 --kind kiosk --config /srv/hall/config.json",
    "hall-server device add --name counter-3 --kind counter --window 3 --config /srv/hall/config.json",
  ).action(async (opts: { config: string; name: string; kind: string; window?: number; json?: boolean }) => {
    const { config } = loadForCli(opts.config);
    const parsed = CreateDeviceBody.safeParse({ name: opts.name, kind: opts.kind, windowNumber: opts.window });
    if (!parsed.success)
      throw new CliError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    if (parsed.data.kind === "counter" && parsed.data.windowNumber === undefined)
      throw new CliError("a counter belongs to a window: give --window <n>");
    const created = await changeHall<Created>(config, {
      what: "register a device",
      local: (ctx) => createDevice(ctx, parsed.data),
      remote: (api) => api.call("POST", "/api/devices", parsed.data),
    });
    if (opts.json) return writeOut(JSON.stringify(created) + "\n");
    writeOut(
      `device ${created.device.id} "${created.device.name}" (${created.device.kind}${created.device.windowNumber ? `, window ${created.device.windowNumber}` : ""}) registered\n` +
        `pairing code ${created.pairingCode} (once, within ${Math.round((created.expiresAt - Date.now()) / 60_000)} minutes): the device ` +
        `trades it for its token with POST /api/devices/pair {"code":"${created.pairingCode}"}\n`,
    );
  });

  withExample(
    configOption(
      device
        .command("list")
        .description("list registered devices (read-only, safe while the hall runs)")
        .option("--json", "print JSON"),
    ),
    "hall-server device list --config /srv/hall/config.json",
  ).action(async (opts: { config: string; json?: boolean }) => {
    const { config } = loadForCli(opts.config);
    const devices = await readHall<DeviceView[]>(config, (ctx) => listDevices(ctx));
    if (opts.json) return writeOut(JSON.stringify(devices) + "\n");
    for (const d of devices)
      writeOut(
        `${d.id}\t${d.kind}\t${d.windowNumber ?? "-"}\t${d.revoked ? "revoked" : d.paired ? "paired" : "waiting for pairing"}\t${d.name}\n`,
      );
  });
}
