/**
 * `npm run virtual-hall -- --dir <d> --windows 3 [--kiosks 1]`: start a hall's virtual devices on PTY pairs, print
 * a JSON map of their host-side paths on stdout, take commands on stdin, and stop cleanly on SIGINT/SIGTERM or the
 * `quit` command. Bad flags exit with code 2.
 *
 * stdin: one command per line (hallCommands.ts; `help` lists them), e.g. `card 1 resident`, `paper 1 out`,
 * `key 2 next`, `rate 2 5`, `unplug 2 caller`, `status`. When stdin ends (EOF) and it is not a terminal (a pipe,
 * /dev/null), the hall keeps running until a signal (and says so on stderr); at a terminal, Ctrl-D quits. Started
 * in the background of a terminal (`npm run virtual-hall &`), it reads no commands, since reading the terminal
 * from there would stop it (SIGTTIN); use a pipe or FIFO as stdin to drive a background hall.
 *
 * stdout: the map (indented JSON), then JSON lines, told apart by their first key:
 * - `{"ticket":n,"kiosk":k,"text":…,"png":…}` per printed ticket, with the paths of the files it was saved to under
 *   `<dir>/tickets/`;
 * - `{"refused":"qr","kiosk":k,"reason":"too-wide"|"over-capacity","message":…}` per QR code a printer left off the
 *   paper because it could not fit it (as firmware does: the ticket prints without it);
 * - `{"reply":"<command>","ok":true,…}` or `{"reply":"<command>"|null,"ok":false,"error":"…"}` per command, in the
 *   order the commands came (`null` when the line named no command). A refused command changes nothing.
 */
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { HallCommandExecutor } from "./hallCommandExecutor.ts";
import { serveHallCommands } from "./hallConsole.ts";
import { startVirtualHall, type VirtualHall } from "./startVirtualHall.ts";
import { inBackgroundOfTerminal } from "./terminal.ts";

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
  hall.tickets.on("refused", ({ kiosk, symbol }) =>
    console.log(
      JSON.stringify({ refused: symbol.kind, kiosk, reason: symbol.problem.reason, message: symbol.message }),
    ),
  );
  hall.tickets.on("saveFailed", (error, { n }) =>
    console.error(`virtual-hall: ticket ${n} not saved: ${error.message}`),
  );
  const signalled = new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  const quitted = serveStdin(hall);
  await Promise.race([signalled, quitted]);
  await hall.stop();
  return 0;
}

/** Take commands on stdin; resolves when the hall should stop (quit, or Ctrl-D at a terminal), or never. */
async function serveStdin(hall: VirtualHall): Promise<void> {
  const forever = new Promise<void>(() => undefined);
  if (process.stdin.isTTY && inBackgroundOfTerminal()) {
    console.error("virtual-hall: started in the background of a terminal: no commands on stdin; stop it with a signal");
    return forever;
  }
  const end = await serveHallCommands(process.stdin, new HallCommandExecutor(hall), (line) => console.log(line));
  if (end === "quit" || process.stdin.isTTY) return;
  // EOF on a pipe only means nobody will type: the hall stays up for whoever uses its ports.
  console.error("virtual-hall: stdin ended; running until SIGINT or SIGTERM");
  return forever;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`virtual-hall: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
