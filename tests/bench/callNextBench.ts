/**
 * Call-next over HTTP: tickets are issued first, then staff members signed in at windows 1-3 each loop
 *   call-next (timed) -> start -> finish
 * until the time is up or the queue runs dry. Only call-next is timed; the cycle rate is what the hall sustains.
 */
import { closedLoop } from "./closedLoop.ts";
import { createJsonClient, type JsonClient } from "./httpClient.ts";
import { ENQUIRY_ITEM } from "./issueBench.ts";
import type { BenchHall } from "./benchHall.ts";

/** Load shape of the call-next benchmark. */
export interface CallNextOptions {
  /** Tickets to issue first (for the enquiry item); issuing stops after 20 s whatever the count. */
  preIssue: number;
  durationMs: number;
  /** Windows 1..n, staff GW005, GW006, ... at them (each may serve the enquiry item). */
  windows: number;
}

/** The brief's shape: 3,000 tickets issued first, 3 staff at windows 1-3 for 5 s. */
export const callNextDefaults: Readonly<CallNextOptions> = Object.freeze({
  preIssue: 3000,
  durationMs: 5000,
  windows: 3,
});

/** Call-next latencies (ms), how many were called, and the wall time of the calling phase. */
export interface CallNextResult {
  latenciesMs: number[];
  called: number;
  elapsedMs: number;
  /** True when the queue ran dry before the time was up. */
  drained: boolean;
  /** Server CPU ms used by the calling phase (every call-next, start and finish), null when unreadable. */
  cpuMs: number | null;
}

async function expectStatus(client: JsonClient, path: string, token: string, body: unknown, status: number) {
  const answer = await client.post(path, token, body);
  if (answer.status !== status)
    throw new Error(`${path} answered ${answer.status} (expected ${status}): ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function signIn(client: JsonClient, hall: BenchHall, window: number): Promise<string> {
  const counter = hall.tokens[`counter-${window}`];
  if (!counter) throw new Error(`the demo hall has no device "counter-${window}"`);
  const employeeNo = `GW${String(4 + window).padStart(3, "0")}`;
  const body = await expectStatus(
    client,
    "/api/auth/login",
    counter,
    { employeeNo, pin: "123456", windowNumber: window },
    200,
  );
  const token = (body as { token?: unknown }).token;
  if (typeof token !== "string") throw new Error(`login of ${employeeNo} returned no token`);
  return token;
}

/** Run the call-next benchmark on `hall`. Rejects when sign-in, issuing or a call cycle fails unexpectedly. */
export async function runCallNextBench(
  hall: BenchHall,
  options: CallNextOptions = callNextDefaults,
): Promise<CallNextResult> {
  // Tickets issued in one phase by the online hall: the queue is what is measured, not how tickets got there.
  const issuer = hall.tokens["online-hall"];
  if (!issuer) throw new Error('the demo hall has no device "online-hall"');
  const client = createJsonClient(hall.url, { maxSockets: 16 });
  try {
    const issued =
      options.preIssue <= 0
        ? null
        : await closedLoop({
            concurrency: 8,
            durationMs: 20_000,
            maxRequests: options.preIssue,
            send: async () => (await client.post("/api/tickets", issuer, { itemCode: ENQUIRY_ITEM })).status === 201,
          });
    if (issued?.error) throw issued.error;

    const staff: string[] = [];
    for (let w = 1; w <= options.windows; w++) staff.push(await signIn(client, hall, w));

    const result: CallNextResult = { latenciesMs: [], called: 0, elapsedMs: 0, drained: false, cpuMs: null };
    const cpuBefore = hall.cpuMs();
    const start = performance.now();
    const window = async (token: string): Promise<void> => {
      while (!result.drained && performance.now() - start < options.durationMs) {
        const sentAt = performance.now();
        const answer = await client.post("/api/counter/call-next", token, {});
        if (answer.status === 404) {
          result.drained = true;
          return;
        }
        if (answer.status !== 200)
          throw new Error(`call-next answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        result.latenciesMs.push(performance.now() - sentAt);
        result.called += 1;
        await expectStatus(client, "/api/counter/start", token, {}, 200);
        await expectStatus(client, "/api/counter/finish", token, {}, 200);
      }
    };
    await Promise.all(staff.map(window));
    result.elapsedMs = performance.now() - start;
    const cpuAfter = hall.cpuMs();
    result.cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return result;
  } finally {
    client.close();
  }
}
