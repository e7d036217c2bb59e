/**
 * `npm run virtual-hall -- --dir <d> --windows 3 [--kiosks 1]`: start a hall's virtual devices on PTY pairs, print
 * a JSON map of their host-side paths on stdout, and stop cleanly on SIGINT/SIGTERM. Bad flags exit with code 2.
 *
 * stdout: the map (indented JSON), then one JSON line per printed ticket, `{"ticket":n,"kiosk":k,"text":…,"png":…}`,
 * with the paths of the files it was saved to under `<dir>/tickets/`.
 */
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startVirtualHall } from "./startVirtualHall.ts";

const usage = "usage: virtual-hall [--dir <directory>] [--windows <1-99>] [--kiosks <0-20>]";

function count(value: string | undefined, fallback: number, min: number, max: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new Error(`--${flag} must be an integer ${min}-${max}, got "${value}"`);
  return n;
}

async function main(): Promise<number> {
  let options: { dir: string | undefined; windows: number; kiosks: number };
  try {
    const { values } = parseArgs({
      options: { dir: { type: "string" }, windows: { type: "string" }, kiosks: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    options = {
      dir: values.dir,
      windows: count(values.windows, 1, 1, 99, "windows"),
      kiosks: count(values.kiosks, 1, 0, 20, "kiosks"),
    };
  } catch (error) {
    console.error(`virtual-hall: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const dir = options.dir ? resolve(options.dir) : await mkdtemp(join(tmpdir(), "onewindow-hall-"));
  await mkdir(dir, { recursive: true });
  const hall = await startVirtualHall({ dir, windows: options.windows, kiosks: options.kiosks });
  console.log(JSON.stringify(hall.map, null, 2));
  hall.tickets.on("saved", ({ n, kiosk, text, png }) => console.log(JSON.stringify({ ticket: n, kiosk, text, png })));
  hall.tickets.on("saveFailed", (error, { n }) =>
    console.error(`virtual-hall: ticket ${n} not saved: ${error.message}`),
  );
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await hall.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`virtual-hall: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
