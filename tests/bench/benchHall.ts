/**
 * The hall-server under test, as a hall runs it: a demo hall initialised by the real CLI in a temp dir, then the
 * real `start` in a child process. The rate limits the benchmarks would hit are raised (`BENCH_RATE_LIMITS`), and
 * every run says so on stderr, so no figure is mistaken for what a hall with default limits would allow.
 * The child and the temp dir are removed when the work finishes, fails, or the bench is interrupted (Ctrl-C).
 */
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { prepareDemoHall, spawnHall, type HallProcess } from "../support/hallProcess.ts";
import { processCpuMs } from "./processCpu.ts";

/**
 * Config `rateLimits` of the bench hall: the limits the benchmarks would hit, raised out of the way (defaults and
 * keys: hall-server/src/api/rateLimits.ts). `issue`: one kiosk issues hundreds of tickets a second; `login`: the
 * call-next bench signs several staff in from one address; `health`: the HTTP baseline is a closed loop on
 * GET /health from one address (at the default 10/s it would measure the limiter, not HTTP).
 */
export const BENCH_RATE_LIMITS = {
  issue: { capacity: 1e6, refillPerSecond: 1e6 },
  login: { capacity: 1e6, refillPerSecond: 1e6 },
  health: { capacity: 1e6, refillPerSecond: 1e6 },
} as const;

/** The line every bench run prints about the limits it raised. */
export const BENCH_LIMITS_NOTICE =
  "bench: this hall runs with raised rate limits: " +
  Object.entries(BENCH_RATE_LIMITS)
    .map(([name, l]) => `${name} (burst ${l.capacity}, ${l.refillPerSecond}/s)`)
    .join(", ") +
  "; a hall with the default limits (hall-server/src/api/rateLimits.ts) would answer 429 sooner";

/** A running hall: its URL and the demo device tokens ("kiosk-1", "counter-1".."counter-3", ...). */
export interface BenchHall {
  url: string;
  tokens: Readonly<Record<string, string>>;
  /** CPU milliseconds the server process has used so far; null where /proc is unavailable. */
  cpuMs(): number | null;
  /** The hall's temp directory (config, database); deleted when the work ends. */
  dir: string;
  /** The server's process id. */
  pid: number | undefined;
}

async function stop(run: HallProcess): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  run.child.kill("SIGTERM");
  // A clean shutdown takes well under a second; do not let a stuck one hold the bench.
  const exited = await Promise.race([run.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!exited) {
    run.child.kill("SIGKILL");
    await run.exited;
  }
}

/** Run `work` against a fresh hall-server child process; always stops it and deletes its directory. */
export async function withBenchHall<T>(
  work: (hall: BenchHall) => Promise<T>,
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<T> {
  const demo = await prepareDemoHall({ rateLimits: BENCH_RATE_LIMITS });
  say(BENCH_LIMITS_NOTICE);
  let run: HallProcess | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    // Synchronous cleanup: the process is about to exit.
    run?.child.kill("SIGKILL");
    rmSync(demo.dir, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    run = await spawnHall(["start", "--config", demo.configPath]);
    const pid = run.child.pid;
    return await work({ url: run.url, tokens: demo.tokens, cpuMs: () => processCpuMs(pid), dir: demo.dir, pid });
  } finally {
    if (run) await stop(run);
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    rmSync(demo.dir, { recursive: true, force: true });
  }
}
