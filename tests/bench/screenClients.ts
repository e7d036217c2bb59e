/**
 * Hall-screen clients for bench section 10, spread over worker threads: a real hall has one PC per screen, and 1,000
 * sockets in one thread would time that thread's own message handling (the last socket's frame waits behind 999
 * others), not the server's fan-out.
 *
 *   ScreenClientPool (bench thread) --expect--> worker 1..n: its share of /ws clients
 *        timeCall: send the call <--arrived (every client's arrival time, one message per worker and call)--
 *
 * Times are absolute (performance.timeOrigin + now()), so the threads' clocks agree.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import WebSocket from "ws";

interface Setup {
  url: string;
  token: string;
  count: number;
}
type ToWorker = { type: "expect" } | { type: "flush" };
type FromWorker =
  { type: "ready" } | { type: "failed"; error: string } | { type: "expecting" } | { type: "arrived"; times: number[] };

const now = () => performance.timeOrigin + performance.now();

/** Connect one screen client; resolves once its snapshot (the first frame) is in. */
function connect(url: string, token: string, onFrame: (data: Buffer) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/ws?token=${token}`, { perMessageDeflate: false });
    let opened = false;
    ws.on("message", (data: Buffer) => {
      if (!opened) {
        opened = true;
        return resolve(ws);
      }
      onFrame(data);
    });
    ws.once("error", (e) => (opened ? undefined : reject(e)));
    ws.once("close", (code) => (opened ? undefined : reject(new Error(`socket closed before its snapshot (${code})`))));
  });
}

/** The worker's side: its clients, and the arrival times of the call it was told to expect. */
async function workerMain(setup: Setup): Promise<void> {
  const port = parentPort!;
  const say = (message: FromWorker) => port.postMessage(message);
  let arrivals: number[] | undefined;
  const sockets: WebSocket[] = [];
  const onFrame = (data: Buffer) => {
    // A text test, not JSON.parse: cheap, as a screen's own parse is not the server's fan-out.
    if (!arrivals || !data.includes('"type":"ticket.called"')) return;
    arrivals.push(now());
    if (arrivals.length === sockets.length) {
      say({ type: "arrived", times: arrivals });
      arrivals = undefined;
    }
  };
  port.on("message", (message: ToWorker) => {
    if (message.type === "expect") {
      arrivals = [];
      say({ type: "expecting" });
    } else if (arrivals) {
      say({ type: "arrived", times: arrivals });
      arrivals = undefined;
    }
  });
  try {
    // In batches: the listen backlog is finite, and a real hall's screens never all connect in one millisecond.
    while (sockets.length < setup.count) {
      const batch = Math.min(50, setup.count - sockets.length);
      sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => connect(setup.url, setup.token, onFrame)))),
      );
    }
    say({ type: "ready" });
  } catch (error) {
    for (const ws of sockets) ws.terminate();
    say({ type: "failed", error: error instanceof Error ? error.message : String(error) });
  }
}

if (!isMainThread && (workerData as { screenClients?: Setup } | null)?.screenClients)
  void workerMain((workerData as { screenClients: Setup }).screenClients);

/** A worker thread's first lines: TypeScript through tsx (a thread does not inherit the bench's loader), then this file. */
const BOOT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;

/** One call's deliveries: each client's latency (ms from just before the call was sent), and clients never reached. */
export interface CallTiming {
  latenciesMs: number[];
  lost: number;
}

/** `count` screen clients on `threads` worker threads (see the file comment). */
export class ScreenClientPool {
  private constructor(
    private readonly workers: { worker: Worker; count: number }[],
    readonly size: number,
  ) {}

  /** Open the clients; rejects (and stops every thread) when a client cannot connect. */
  static async open(url: string, token: string, count: number, threads: number): Promise<ScreenClientPool> {
    const shares = Array.from({ length: Math.min(threads, count) }, (_, i) =>
      Math.floor((count + i) / Math.min(threads, count)),
    );
    const workers = shares.map((share) => ({
      worker: new Worker(BOOT, { eval: true, workerData: { screenClients: { url, token, count: share } } }),
      count: share,
    }));
    const pool = new ScreenClientPool(workers, count);
    try {
      await Promise.all(
        workers.map(({ worker }) =>
          pool
            .next(worker, (m) => m.type === "ready" || m.type === "failed")
            .then((m) => {
              if (m.type === "failed") throw new Error(`a screen client could not connect: ${m.error}`);
            }),
        ),
      );
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** The next message of `worker` that `accept` takes (the worker's thread is the only writer). */
  private next(worker: Worker, accept: (m: FromWorker) => boolean): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (!accept(m)) return;
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolve(m);
      };
      const onError = (e: Error) => {
        worker.off("message", onMessage);
        reject(e);
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
    });
  }

  /**
   * Time one call: every thread is told to expect it, then `send` runs; resolves when every client has had its
   * `ticket.called` frame, or after `timeoutMs` with the missing ones counted as lost.
   */
  async timeCall(send: () => Promise<void>, timeoutMs: number): Promise<CallTiming> {
    await Promise.all(this.workers.map(({ worker }) => this.expect(worker)));
    const arrived = this.workers.map(({ worker }) => this.next(worker, (m) => m.type === "arrived"));
    const sentAt = now();
    await send();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    const all = await Promise.race([Promise.all(arrived), late.then(() => undefined)]);
    clearTimeout(timer);
    if (!all) for (const { worker } of this.workers) worker.postMessage({ type: "flush" } satisfies ToWorker);
    const replies = (all ?? (await Promise.all(arrived))) as { type: "arrived"; times: number[] }[];
    const latenciesMs = replies.flatMap((r) => r.times.map((t) => t - sentAt));
    return { latenciesMs, lost: this.size - latenciesMs.length };
  }

  /** Tell `worker` to expect a call; resolves once it does (before the call is sent, so no frame comes first). */
  private async expect(worker: Worker): Promise<void> {
    const expecting = this.next(worker, (m) => m.type === "expecting");
    worker.postMessage({ type: "expect" } satisfies ToWorker);
    await expecting;
  }

  /** Stop every thread (its sockets go with it). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
