/**
 * Bench section 10: a call reaching the hall's screens. Screen clients hold /ws open to a real hall-server child
 * process (so the memory measured is the server's alone); staff at window 1 call tickets one after another over
 * HTTP, and every client times the `ticket.called` message from just before the call was sent.
 *
 *   bench process: 1 | 1,000 WebSocket clients (one screen token) <-- ticket.called --  hall-server (child)
 *                  staff at window 1: call-next (timed from here) -> start -> finish  -->
 *
 * The baseline is the same run with 1 client connected; the server's RSS is read from /proc with each.
 * The clients run on worker threads of this process (screenClients.ts, `threads` of them), so one thread's message
 * handling does not queue 1,000 frames behind each other; they still share this machine's cores with the server,
 * so the figure is an upper bound for the server's part (a real hall has a PC per screen).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchHall } from "./benchHall.ts";
import { createJsonClient, type JsonClient } from "./httpClient.ts";
import { ENQUIRY_ITEM } from "./issueBench.ts";
import { openFilesLimit, processRssBytes } from "./processMemory.ts";
import { ScreenClientPool } from "./screenClients.ts";

/** Shape of the fan-out benchmark. */
export interface ScreenFanoutOptions {
  /** Screen clients connected for the measured run. */
  clients: number;
  /** Calls timed per run (the baseline run makes as many). */
  calls: number;
  /** How long one call may take to reach every client before the missing ones are counted as lost. */
  deliveryTimeoutMs: number;
  /** Worker threads the measured run's clients are spread over. */
  threads: number;
}

/** The brief's shape: 1,000 screen clients, 30 calls each run. */
export const screenFanoutDefaults: Readonly<ScreenFanoutOptions> = Object.freeze({
  clients: 1000,
  calls: 30,
  deliveryTimeoutMs: 15_000,
  threads: 4,
});

/** One run: per-client delivery latencies of every call, messages that never came, and the server's RSS. */
export interface FanoutRun {
  clients: number;
  latenciesMs: number[];
  /** Per call, the latency of the client that had it first: the server's own part, before the fan-out spread. */
  firstMs: number[];
  /** (call, client) pairs that did not receive the call within the delivery timeout. */
  lost: number;
  /**
   * Server CPU ms per call cycle (call-next, start, finish: three events to every client), null when unreadable:
   * steadier than latency on a shared machine, and the server's alone.
   */
  cpuMsPerCall: number | null;
  /** Server RSS in bytes with these clients connected, after the calls; null when unreadable. */
  rssBytes: number | null;
}

export interface ScreenFanoutResult {
  baseline: FanoutRun;
  loaded: FanoutRun;
  /** ms to open the measured run's clients (each upgraded and sent its snapshot). */
  connectMs: number;
}

/** Why the benchmark cannot run on this machine (too few file descriptors), or null when it can. */
export function fanoutSkipReason(clients: number, limit = openFilesLimit()): string | null {
  // The bench process holds every client socket and the server (which inherits this limit) every server socket.
  const needed = clients + 200;
  if (limit === null || limit >= needed) return null;
  return `ulimit -n is ${limit}; ${clients} screen clients need about ${needed} (raise it with ulimit -n ${needed})`;
}

async function expectOk(client: JsonClient, path: string, token: string, body: unknown): Promise<unknown> {
  const answer = await client.post(path, token, body);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Run the fan-out benchmark on `hall` (its "hall-screen" and "online-hall" devices, counter-1 and staff GW005). */
export async function runScreenFanoutBench(
  hall: BenchHall,
  options: ScreenFanoutOptions = screenFanoutDefaults,
  progress: (text: string) => void = () => undefined,
): Promise<ScreenFanoutResult> {
  const screenToken = hall.tokens["hall-screen"];
  const issuer = hall.tokens["online-hall"];
  const counter = hall.tokens["counter-1"];
  if (!screenToken || !issuer || !counter) throw new Error("the demo hall lacks hall-screen, online-hall or counter-1");
  const client = createJsonClient(hall.url, { maxSockets: 4 });
  let screens: ScreenClientPool | undefined;
  try {
    for (let i = 0; i < options.calls * 2 + 2; i++) {
      const issued = await client.post("/api/tickets", issuer, { itemCode: ENQUIRY_ITEM });
      if (issued.status !== 201) throw new Error(`issuing answered ${issued.status}: ${JSON.stringify(issued.body)}`);
    }
    const login = (await expectOk(client, "/api/auth/login", counter, {
      employeeNo: "GW005",
      pin: "123456",
      windowNumber: 1,
    })) as { token: string };

    const run = async (pool: ScreenClientPool): Promise<FanoutRun> => {
      const latencies: number[] = [];
      const firstMs: number[] = [];
      let lost = 0;
      const cpuBefore = hall.cpuMs();
      for (let c = 0; c < options.calls; c++) {
        const call = await pool.timeCall(async () => {
          await expectOk(client, "/api/counter/call-next", login.token, {});
        }, options.deliveryTimeoutMs);
        latencies.push(...call.latenciesMs);
        lost += call.lost;
        if (call.latenciesMs.length > 0) firstMs.push(Math.min(...call.latenciesMs));
        await expectOk(client, "/api/counter/start", login.token, {});
        await expectOk(client, "/api/counter/finish", login.token, {});
        // A hall calls every minute or so, not back to back: let start's and finish's frames reach every client, so
        // each call is timed from an idle hall.
        await sleep(300);
      }
      const cpuAfter = hall.cpuMs();
      const cpuMsPerCall = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / options.calls;
      const rssBytes = processRssBytes(hall.pid);
      return { clients: pool.size, latenciesMs: latencies, firstMs, lost, cpuMsPerCall, rssBytes };
    };

    screens = await ScreenClientPool.open(hall.url, screenToken, 1, 1);
    await sleep(500);
    progress(`screen fan-out: ${options.calls} calls to 1 client (baseline)…`);
    const baseline = await run(screens);
    await screens.close();

    progress(`screen fan-out: connecting ${options.clients} screen clients on ${options.threads} threads…`);
    const started = performance.now();
    screens = await ScreenClientPool.open(hall.url, screenToken, options.clients, options.threads);
    const connectMs = performance.now() - started;
    await sleep(1000);
    progress(`screen fan-out: ${options.calls} calls to ${screens.size} clients…`);
    const loaded = await run(screens);
    return { baseline, loaded, connectMs };
  } finally {
    await screens?.close();
    client.close();
  }
}
