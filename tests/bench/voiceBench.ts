/**
 * Bench section 10: a call's announcement audio ready at a hall screen, with the announcement queue idle.
 *
 *   POST /api/counter/call-next (staff at window 1)            t0
 *     -> /ws "event" ticket.called at the screen's socket
 *     -> GET /api/voice/announcements/<seq> (screen token)
 *     -> last byte of the WAV                                   t1      sample = t1 - t0
 *   then no-show (the window is free again), a pause (the queue idle), next call
 *
 * Beside it, from the same run and the same hall: the GET /health round trip (the floor of any answer here). The
 * hall is the real CLI with its default voice (espeak-ng when installed); one warm-up call first lets the voice
 * finish preparing its segments, as a hall does once after start.
 */
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import type { BenchHall } from "./benchHall.ts";
import { ENQUIRY_ITEM } from "./issueBench.ts";

export interface VoiceBenchResult {
  /** Per call: ms from call-next sent to the last byte of its audio at the screen. */
  readyMs: number[];
  /** Per call: ms of the audio GET alone (event received -> last byte). */
  fetchMs: number[];
  /** Per sample: GET /health round trip, ms. */
  baselineMs: number[];
  /** Bytes and play length of one announcement. */
  audioBytes: number;
  audioMs: number;
}

async function json(res: Response, what: string): Promise<unknown> {
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** `calls` timed calls on `hall` (after one warm-up), each followed by `idleMs` of quiet. */
export async function runVoiceBench(hall: BenchHall, calls = 40, idleMs = 150): Promise<VoiceBenchResult> {
  const issuer = hall.tokens["online-hall"];
  const screen = hall.tokens["hall-screen"];
  const counter = hall.tokens["counter-1"];
  if (!issuer || !screen || !counter) throw new Error("the demo hall lacks online-hall, hall-screen or counter-1");
  const post = (path: string, token: string, body: unknown = {}) =>
    fetch(hall.url + path, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  for (let i = 0; i < calls + 1; i++)
    await json(await post("/api/tickets", issuer, { itemCode: ENQUIRY_ITEM }), "issue");
  const login = (await json(
    await post("/api/auth/login", counter, { employeeNo: "GW005", pin: "123456", windowNumber: 1 }),
    "sign-in",
  )) as { token: string };
  const staff = login.token;

  // The screen's socket: resolve the waiter of the next ticket.called event.
  const socket = new WebSocket(`${hall.url.replace("http", "ws")}/ws?token=${screen}`);
  await new Promise<void>((resolve, reject) => (socket.once("open", () => resolve()), socket.once("error", reject)));
  let waiter: ((seq: number) => void) | undefined;
  socket.on("message", (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; event?: { type: string; seq: number } };
    if (message.type === "event" && message.event?.type === "ticket.called") waiter?.(message.event.seq);
  });

  const result: VoiceBenchResult = { readyMs: [], fetchMs: [], baselineMs: [], audioBytes: 0, audioMs: 0 };
  try {
    for (let i = 0; i < calls + 1; i++) {
      const event = new Promise<number>((resolve) => (waiter = resolve));
      const t0 = performance.now();
      await json(await post("/api/counter/call-next", staff), "call-next");
      const seq = await event;
      const t1 = performance.now();
      const audio = await fetch(`${hall.url}/api/voice/announcements/${seq}`, {
        headers: { authorization: `Bearer ${screen}` },
      });
      if (audio.status !== 200) throw new Error(`announcement ${seq} answered ${audio.status}: ${await audio.text()}`);
      const bytes = (await audio.arrayBuffer()).byteLength;
      const t2 = performance.now();
      // The first call waits for the voice's start-up preparation: a warm-up, not a sample.
      if (i > 0) {
        result.readyMs.push(t2 - t0);
        result.fetchMs.push(t2 - t1);
      }
      result.audioBytes = bytes;
      result.audioMs = Number(audio.headers.get("x-announcement-duration-ms"));
      await json(await post("/api/counter/no-show", staff), "no-show");
      const h0 = performance.now();
      await json(await fetch(`${hall.url}/health`), "health");
      result.baselineMs.push(performance.now() - h0);
      await sleep(idleMs);
    }
    return result;
  } finally {
    socket.close();
  }
}
