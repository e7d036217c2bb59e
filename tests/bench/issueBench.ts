/**
 * One-phase issue over HTTP (POST /api/tickets with the online hall's gateway token: kiosks issue in two phases, see
 * twoPhaseBench.ts), against the child-process server:
 *   warm-up (untimed) -> open loop at a fixed offered rate (latency) -> closed loop of keep-alive clients (max rate)
 *   -> the same closed loop on GET /health (the HTTP stack's own ceiling, for comparison).
 */
import type { LoopResult } from "./clock.ts";
import type { OpenLoopResult } from "./openLoop.ts";
import { closedLoop } from "./closedLoop.ts";
import { createJsonClient } from "./httpClient.ts";
import { openLoop } from "./openLoop.ts";

/** 综合咨询 (general enquiries), served at windows 1-3 of the demo hall. */
export const ENQUIRY_ITEM = "11441702007046212W200010100100";

/** Load shape of the issue benchmark. */
export interface IssueBenchOptions {
  ratePerSecond: number;
  openMs: number;
  closedMs: number;
  concurrency: number;
  warmupRequests: number;
  /** After the open loop's last send, how long to wait for its answers (the rest count as unanswered). */
  drainMs: number;
}

/** The brief's shape: 500 requests/s offered for 5 s, then 16 keep-alive clients for 5 s. */
export const issueBenchDefaults: Readonly<IssueBenchOptions> = Object.freeze({
  ratePerSecond: 500,
  openMs: 5000,
  closedMs: 5000,
  concurrency: 16,
  warmupRequests: 300,
  drainMs: 5000,
});

/** The open-loop (latency at the offered rate) and closed-loop (maximum throughput) results. */
export interface IssueResult {
  open: OpenLoopResult;
  closed: LoopResult;
  /** The same closed loop on GET /health (no body, no auth, no database): the HTTP stack's own ceiling here. */
  httpBaseline: LoopResult;
  /** Tickets issued (201) in all phases, warm-up included: they are all waiting now. */
  issued: number;
  /** Server CPU ms used during the closed loop (null when it cannot be read). */
  closedCpuMs: number | null;
  /** The first answer other than 201, e.g. "429 rate_limited", or null. */
  firstRefusal: string | null;
}

const delta = (from: number | null, to: number | null) => (from === null || to === null ? null : to - from);

function refusal(status: number, body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return `${status} ${typeof code === "string" ? code : JSON.stringify(body)?.slice(0, 120)}`;
}

/**
 * Run the issue benchmark against `url` with `issuerToken` (a one-phase issuer: the online hall or staff); `cpuMs` reads the server's CPU time (see BenchHall).
 * A request counts as ok on 201. Each phase uses its own
 * connection pool, closed when the phase ends (which also abandons open-loop requests unanswered at the drain
 * deadline).
 */
export async function runIssueBench(
  url: string,
  issuerToken: string,
  options: IssueBenchOptions = issueBenchDefaults,
  cpuMs: () => number | null = () => null,
): Promise<IssueResult> {
  let firstRefusal: string | null = null;
  const issue = (client: ReturnType<typeof createJsonClient>) => async () => {
    const answer = await client.post("/api/tickets", issuerToken, { itemCode: ENQUIRY_ITEM });
    if (answer.status !== 201) firstRefusal ??= refusal(answer.status, answer.body);
    return answer.status === 201;
  };

  const phase = async <T>(maxSockets: number, run: (send: () => Promise<boolean>) => Promise<T>): Promise<T> => {
    // The drain deadline, not a request timeout, decides when the open loop gives up on an answer.
    const client = createJsonClient(url, { maxSockets, timeoutMs: 60_000 });
    try {
      return await run(issue(client));
    } finally {
      client.close();
    }
  };

  const warm = await phase(options.concurrency, (send) =>
    closedLoop({ concurrency: options.concurrency, durationMs: 30_000, maxRequests: options.warmupRequests, send }),
  );
  if (warm.error) throw warm.error;
  if (warm.ok === 0) throw new Error(`the server refused every warm-up ticket, first answer: ${firstRefusal}`);
  // Up to 64 connections: enough for the offered rate at a few tens of ms latency; beyond that requests queue
  // in the agent, and the queueing shows in the latencies, as it should in an open loop.
  const open = await phase(64, (send) =>
    openLoop({
      ratePerSecond: options.ratePerSecond,
      durationMs: options.openMs,
      drainTimeoutMs: options.drainMs,
      send,
    }),
  );
  const cpuBefore = cpuMs();
  const closed = await phase(options.concurrency, (send) =>
    closedLoop({ concurrency: options.concurrency, durationMs: options.closedMs, send }),
  );
  const closedCpuMs = delta(cpuBefore, cpuMs());
  // The same closed loop on GET /health: what HTTP + Express alone allow on this machine, as a baseline.
  const client = createJsonClient(url, { maxSockets: options.concurrency, timeoutMs: 60_000 });
  let httpBaseline: LoopResult;
  try {
    httpBaseline = await closedLoop({
      concurrency: options.concurrency,
      durationMs: options.closedMs,
      send: async () => (await client.get("/health")).status === 200,
    });
  } finally {
    client.close();
  }
  return { open, closed, httpBaseline, issued: warm.ok + open.ok + closed.ok, closedCpuMs, firstRefusal };
}
