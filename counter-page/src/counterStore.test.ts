/**
 * The counter page's request bookkeeping (page/src/counter.ts) against the station agent's real loopback page server
 * with a scripted handler: an answer is matched to its request, a stray answer is ignored, and a request whose
 * answer never came before the link dropped is reported as unknown, never as done.
 */
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { WebSocket } from "ws";
import {
  counterActions,
  counterReason,
  formatAgentFragment,
  type CounterState,
  type ParsedPageMessage,
} from "@onewindow/contract";
import type { PageSocket } from "@onewindow/web-build/page/agentLink.ts";
import { PROMPT_NOTICES } from "../../station-agent/src/counter/ratingPrompt.ts";
import { startPageServer, type PageConnection, type PageServer } from "../../station-agent/src/page/pageServer.ts";
import { act, counter, rate, signIn, startCounter, stopCounter } from "../page/src/counter.ts";

const secret = "c".repeat(43);
const origin = "http://127.0.0.1:8080";
let server: PageServer | undefined;

const facts = {
  connected: true,
  window: { number: 2, name: "综合受理", state: "open" as const, pauseReason: null },
  staff: { employeeNo: "GW006", name: "王小明", photo: null },
  current: null,
  held: [],
  callable: [],
};
const state: CounterState = {
  ...facts,
  timeZone: "Asia/Shanghai",
  signedOut: null,
  waiting: [],
  recent: [],
  guide: null,
  lastCall: null,
  actions: counterActions(facts),
};

afterEach(async () => {
  stopCounter();
  await server?.close();
  server = undefined;
  Object.assign(counter, { linked: false, state: null, pending: null, outcome: null, addressProblem: null });
});

/** An agent whose `answer` decides what each request gets (nothing, when it returns nothing). */
async function agent(answer: (message: ParsedPageMessage, from: PageConnection) => void): Promise<string> {
  server = await startPageServer({
    port: 0,
    secret,
    allowedOrigins: new Set([origin]),
    log: pino({ level: "silent" }),
    paired: () => true,
    pair: () => Promise.reject(new Error("not in this test")),
    onMessage: (message, from) => {
      if (message.type === "hello") from.send({ type: "welcome", station: "counter-2", devices: [] });
      else if (message.type === "refresh") from.send({ type: "counter", counter: state });
      else answer(message, from);
    },
  });
  return formatAgentFragment({ url: `ws://127.0.0.1:${server.port}/`, secret });
}

const connect = (url: string) => new WebSocket(url, { origin }) as unknown as PageSocket;

describe("the counter page's requests", () => {
  it("when the agent refuses the request, then the outcome is refused with the agent's words; a stray answer changes nothing", async () => {
    startCounter(
      await agent((message, from) => {
        if (message.type !== "act") return;
        from.send({ type: "actDone", requestId: crypto.randomUUID() });
        from.send({ type: "actRefused", requestId: message.requestId, reason: counterReason("nobody_waiting") });
      }),
      "counter",
      connect,
    );
    await expect.poll(() => counter.state?.window.number).toBe(2);
    await act({ action: "callNext" });
    await expect.poll(() => counter.outcome?.kind).toBe("refused");
    expect(counter.outcome).toEqual({ kind: "refused", command: "callNext", reason: counterReason("nobody_waiting") });
    expect(counter.pending).toBeNull();
  });

  it("when the window screen rates, then `rate` carries the level, the chosen reasons and the trimmed text, and the agent's refusal is its outcome", async () => {
    const asked: ParsedPageMessage[] = [];
    startCounter(
      await agent((message, from) => {
        if (message.type !== "rate") return;
        asked.push(message);
        if (asked.length === 1) from.send({ type: "actDone", requestId: message.requestId });
        else from.send({ type: "actRefused", requestId: message.requestId, reason: PROMPT_NOTICES.nothing_to_rate });
      }),
      "window",
      connect,
    );
    await expect.poll(() => counter.state?.window.number).toBe(2);
    await rate(1, { indicatorCodes: ["B05", "B07"], text: "  等了很久 " });
    await expect.poll(() => counter.outcome?.kind).toBe("done");
    expect(asked[0]).toMatchObject({ type: "rate", level: 1, indicatorCodes: ["B05", "B07"], text: "等了很久" });
    // A skipped reason sends neither codes nor an empty text: the hall stores it "reason pending".
    await rate(2, { indicatorCodes: [], text: "  " });
    await expect.poll(() => counter.outcome?.kind).toBe("refused");
    expect(asked[1]).not.toHaveProperty("indicatorCodes");
    expect(asked[1]).not.toHaveProperty("text");
    expect(counter.outcome).toEqual({ kind: "refused", command: "rate", reason: PROMPT_NOTICES.nothing_to_rate });
  });

  it("when the link drops before the answer, then the outcome is unknown (never done) and nothing is pending", async () => {
    let asked = false;
    startCounter(
      await agent((message) => {
        if (message.type === "signIn") asked = true;
      }),
      "counter",
      connect,
    );
    await expect.poll(() => counter.linked).toBe(true);
    await signIn("GW006", "123456");
    await expect.poll(() => asked).toBe(true);
    expect(counter.pending?.command).toBe("signIn");
    await server!.close();
    server = undefined;
    await expect.poll(() => counter.outcome).toEqual({ kind: "unknown", command: "signIn" });
    expect(counter.pending).toBeNull();
    expect(counter.linked).toBe(false);
  });

  it("when a request is made while the agent is away, then it is refused at once as unreachable, not sent later", async () => {
    startCounter(await agent(() => undefined), "counter", connect);
    await expect.poll(() => counter.linked).toBe(true);
    await server!.close();
    server = undefined;
    await expect.poll(() => counter.linked).toBe(false);
    await act({ action: "resume" });
    expect(counter.outcome).toMatchObject({
      kind: "refused",
      command: "resume",
      reason: { code: "agent_unreachable" },
    });
    expect(counter.pending).toBeNull();
  });
});
