/** Turns each benchmark's result into the report's rows, with the brief's targets attached. */
import { throughput, type LoopResult } from "./clock.ts";
import type { CallNextResult } from "./callNextBench.ts";
import type { DecisionResult } from "./decisionBench.ts";
import type { OpenLoopResult } from "./openLoop.ts";
import { formatValue, type Row } from "./report.ts";
import type { CeilingResult } from "./sqliteCeiling.ts";
import { summarize } from "./stats.ts";

const SQLITE = "1. SQLite durable-insert ceiling (WAL + synchronous=FULL, 1 row per tx)";
const ISSUE = "2. Issue ticket over HTTP (POST /api/tickets, child-process server)";
const CALL = "3. Call-next over HTTP (3 staff, windows 1-3, each cycle call-next + start + finish)";
const DECISION = "4. Call-next decision in process (selectNext, 10,000 waiting, 100 items, 500 windows)";

/**
 * Rows of the raw SQLite ceiling, measured before and after the HTTP runs (a shared disk drifts; the ratio is
 * taken against the higher of the two, so noise cannot flatter the server).
 */
export function sqliteRows(before: CeilingResult | null, after: CeilingResult | null): Row[] {
  const rows = (when: "before" | "after", r: CeilingResult | null): Row[] => [
    {
      key: `sqlite.${when}.txPerSec`,
      section: SQLITE,
      label: `transactions/s (${when} the HTTP runs)`,
      value: r?.perSecond ?? Number.NaN,
      unit: "tx/s",
      note: r ? `${r.transactions} tx in ${(r.elapsedMs / 1000).toFixed(1)} s` : "failed",
    },
    {
      key: `sqlite.${when}.commitP99Ms`,
      section: SQLITE,
      label: `one commit: p99 (${when})`,
      value: r?.commitMs.p99 ?? Number.NaN,
      unit: "ms",
      note: r ? `p50 ${r.commitMs.p50.toFixed(2)} ms, max ${r.commitMs.max.toFixed(1)} ms` : "failed",
    },
  ];
  return [...rows("before", before), ...rows("after", after)];
}

/** The disk's own commit p99: the lower of the two measurements (NaN when neither succeeded). */
export function diskCommitP99(...results: (CeilingResult | null)[]): number {
  const p99s = results.filter((r): r is CeilingResult => r !== null).map((r) => r.commitMs.p99);
  return p99s.length > 0 ? Math.min(...p99s) : Number.NaN;
}

/** The ceiling the server is judged against: the higher measurement, NaN when neither succeeded. */
export function bestCeiling(...results: (CeilingResult | null)[]): number {
  const rates = results.filter((r): r is CeilingResult => r !== null).map((r) => r.perSecond);
  return rates.length > 0 ? Math.max(...rates) : Number.NaN;
}

function errorNote(r: LoopResult & { unanswered?: number }): string {
  const problems = [
    r.failed > 0 ? `${r.failed} non-201` : "",
    r.unanswered ? `${r.unanswered} unanswered at the drain deadline` : "",
    r.error ? `stopped: ${r.error.message}` : "",
  ].filter((p) => p !== "");
  return problems.length > 0 ? ` — ${problems.join(", ")}` : "";
}

/** CPU ms per operation, NaN when the CPU time or the count is unknown. */
const perOp = (cpuMs: number | null, ops: number) => (cpuMs === null || ops === 0 ? Number.NaN : cpuMs / ops);

/**
 * Rows of the issue benchmark. The closed-loop rate is compared with the SQLite ceiling (target ≥ 50%); without
 * a ceiling (it failed) the ratio is NaN and shows as not met. The open-loop p99 is shown beside the p99 of one bare
 * SQLite commit measured in the same run, the part of the tail no server code can remove.
 */
export function issueRows(
  issue: {
    open: OpenLoopResult;
    closed: LoopResult;
    httpBaseline?: LoopResult;
    closedCpuMs: number | null;
    firstRefusal: string | null;
  },
  offeredPerSecond: number,
  ceilingPerSecond: number,
  diskCommitP99Ms = Number.NaN,
): Row[] {
  const { open, closed } = issue;
  const o = summarize(open.latenciesMs);
  const c = summarize(closed.latenciesMs);
  const max = throughput(closed);
  return [
    {
      key: "issue.open.p50Ms",
      section: ISSUE,
      label: `open loop ${offeredPerSecond}/s: p50`,
      value: o.p50,
      unit: "ms",
    },
    {
      key: "issue.open.p99Ms",
      section: ISSUE,
      label: `open loop ${offeredPerSecond}/s: p99`,
      value: o.p99,
      unit: "ms",
      target: { op: "<=", value: 5 },
      note:
        `max ${o.max.toFixed(1)} ms, from scheduled send time` +
        (Number.isNaN(diskCommitP99Ms) ? "" : `; one bare SQLite commit alone: p99 ${diskCommitP99Ms.toFixed(2)} ms`),
    },
    {
      key: "issue.open.sentP99Ms",
      section: ISSUE,
      label: `open loop ${offeredPerSecond}/s: p99 from actual send`,
      value: summarize(open.sentLatenciesMs).p99,
      unit: "ms",
      note: "without the load generator's own timer lateness",
    },
    {
      key: "issue.open.achievedPerSec",
      section: ISSUE,
      label: `open loop ${offeredPerSecond}/s: achieved`,
      value: throughput(open),
      unit: "req/s",
      note: `${open.ok} × 201${errorNote(open)}`,
    },
    {
      key: "issue.closed.perSec",
      section: ISSUE,
      label: "closed loop max throughput",
      value: max,
      unit: "req/s",
      note: `p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms; ${closed.ok} × 201${errorNote(closed)}`,
    },
    ...(issue.httpBaseline
      ? [
          {
            key: "issue.httpBaseline.perSec",
            section: ISSUE,
            label: "HTTP baseline: GET /health, same clients",
            value: throughput(issue.httpBaseline),
            unit: "req/s",
            note: `issue throughput is ${(max / throughput(issue.httpBaseline)).toFixed(2)} of it`,
          },
        ]
      : []),
    {
      key: "issue.closed.ratioToSqlite",
      section: ISSUE,
      label: "max throughput / SQLite ceiling (higher of the two)",
      value: ceilingPerSecond > 0 ? max / ceilingPerSecond : Number.NaN,
      unit: "",
      target: { op: ">=", value: 0.5 },
    },
    {
      key: "issue.closed.serverCpuMsPerTicket",
      section: ISSUE,
      label: "server CPU per ticket (closed loop)",
      value: perOp(issue.closedCpuMs, closed.ok + closed.failed),
      unit: "ms",
      note: `1 CPU-second issues at most ${formatValue(1000 / perOp(issue.closedCpuMs, closed.ok + closed.failed))}${
        issue.firstRefusal ? `; first refusal: ${issue.firstRefusal}` : ""
      }`,
    },
  ];
}

/**
 * Rows of the kiosk's two-phase issue (reserve + printed per take), in the issue section beside the one-phase issue's
 * closed loop (`oneShot`, same clients and duration) when it ran.
 */
export function twoPhaseRows(r: { closed: LoopResult; firstRefusal: string | null }, oneShot?: LoopResult): Row[] {
  const s = summarize(r.closed.latenciesMs);
  const perSec = throughput(r.closed);
  return [
    {
      key: "issue.twoPhase.p50Ms",
      section: ISSUE,
      label: "kiosk two-phase (reserve + printed): p50",
      value: s.p50,
      unit: "ms",
      note: "one round trip of both requests, closed loop",
    },
    {
      key: "issue.twoPhase.p99Ms",
      section: ISSUE,
      label: "kiosk two-phase (reserve + printed): p99",
      value: s.p99,
      unit: "ms",
      note: `max ${s.max.toFixed(1)} ms`,
    },
    {
      key: "issue.twoPhase.perSec",
      section: ISSUE,
      label: "kiosk two-phase: takes per second",
      value: perSec,
      unit: "takes/s",
      note:
        `${r.closed.ok} takes${errorNote(r.closed)}` +
        (oneShot
          ? `; ${(perSec / Math.max(throughput(oneShot), Number.MIN_VALUE)).toFixed(2)} of one-phase issue`
          : "") +
        (r.firstRefusal ? `; first refusal: ${r.firstRefusal}` : ""),
    },
  ];
}

/** Rows of the call-next benchmark. */
export function callNextRows(r: CallNextResult): Row[] {
  const s = summarize(r.latenciesMs);
  return [
    { key: "callNext.p50Ms", section: CALL, label: "call-next p50", value: s.p50, unit: "ms" },
    {
      key: "callNext.p99Ms",
      section: CALL,
      label: "call-next p99",
      value: s.p99,
      unit: "ms",
      note: `max ${s.max.toFixed(1)} ms`,
    },
    {
      key: "callNext.perSec",
      section: CALL,
      label: "call-next throughput",
      value: r.elapsedMs > 0 ? (r.called * 1000) / r.elapsedMs : Number.NaN,
      unit: "calls/s",
      note: `${r.called} calls in ${(r.elapsedMs / 1000).toFixed(1)} s${r.drained ? " (queue ran dry)" : ""}`,
    },
    {
      key: "callNext.serverCpuMsPerCycle",
      section: CALL,
      label: "server CPU per cycle (call-next + start + finish)",
      value: perOp(r.cpuMs, r.called),
      unit: "ms",
    },
  ];
}

/** Rows of the in-process decision benchmark (target: p99 ≤ 1 ms = 1,000 µs). */
export function decisionRows(r: DecisionResult): Row[] {
  const mix = Object.entries(r.rules)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(", ");
  return [
    { key: "decision.p50Us", section: DECISION, label: "p50", value: r.micros.p50, unit: "µs" },
    {
      key: "decision.p99Us",
      section: DECISION,
      label: "p99",
      value: r.micros.p99,
      unit: "µs",
      target: { op: "<=", value: 1000 },
    },
    {
      key: "decision.maxUs",
      section: DECISION,
      label: "max",
      value: r.micros.max,
      unit: "µs",
      note: `${r.micros.count} calls; rules: ${mix}`,
    },
  ];
}

const AGENT = "5. Station agent take -> printer write of the ticket's last byte (PTY, one take at a time)";

/** Rows of the station agent's take benchmark (target: p99 ≤ 300 ms), beside the bare write of the same bytes. */
export function agentTakeRows(r: { takeMs: number[]; writeMs: number[]; bytes: number }): Row[] {
  const take = summarize(r.takeMs);
  const write = summarize(r.writeMs);
  return [
    { key: "agentTake.p50Ms", section: AGENT, label: "take -> last byte p50", value: take.p50, unit: "ms" },
    {
      key: "agentTake.p99Ms",
      section: AGENT,
      label: "take -> last byte p99",
      value: take.p99,
      unit: "ms",
      target: { op: "<=", value: 300 },
      note: `${take.count} takes (status read, reserve over HTTP, layout, write); max ${take.max.toFixed(1)} ms`,
    },
    {
      key: "agentTake.baselineWriteP99Ms",
      section: AGENT,
      label: "baseline: bare write of the same bytes p99",
      value: write.p99,
      unit: "ms",
      note: `${write.count} writes of ${r.bytes} bytes; p50 ${write.p50.toFixed(2)} ms`,
    },
  ];
}

/** The agent section's row when socat is missing: reported as skipped, not failed. */
export function agentTakeSkipped(why: string): Row[] {
  return [
    {
      key: "agentTake.p99Ms",
      section: AGENT,
      label: "take -> last byte p99",
      value: Number.NaN,
      unit: "ms",
      note: `skipped: ${why}`,
    },
  ];
}

const KIOSK = "9. Kiosk page ready for a first tap (Debian's Chromium, cold cache, loopback, agent in process)";

/** The kiosk page's rows: ready time p50/max beside the baseline's (its download is section 8's kiosk-page row). */
export function kioskPageRows(r: { readyMs: number[]; baselineMs: number[] }): Row[] {
  const ready = summarize(r.readyMs);
  const baseline = summarize(r.baselineMs);
  return [
    {
      key: "kioskPage.readyP50Ms",
      section: KIOSK,
      label: "navigation -> first tap possible p50",
      value: ready.p50,
      unit: "ms",
      target: { op: "<=", value: 1500 },
      note: `${ready.count} cold loads; max ${ready.max.toFixed(0)} ms (home screen's first choice visible and enabled)`,
    },
    {
      key: "kioskPage.baselineP50Ms",
      section: KIOSK,
      label: "baseline: /health loaded the same way p50",
      value: baseline.p50,
      unit: "ms",
      note: `max ${baseline.max.toFixed(0)} ms`,
    },
  ];
}

const VOICE =
  "11. Call -> announcement audio at a hall screen (call-next, /ws event, GET the WAV, last byte; queue idle)";

/** Section 11: a call's announcement audio ready at a screen (target ≤ 500 ms p99), beside GET /health. */
export function voiceRows(r: {
  readyMs: number[];
  fetchMs: number[];
  baselineMs: number[];
  audioBytes: number;
  audioMs: number;
}): Row[] {
  const ready = summarize(r.readyMs);
  const fetched = summarize(r.fetchMs);
  const baseline = summarize(r.baselineMs);
  const audio = `${(r.audioBytes / 1024).toFixed(0)} KiB WAV playing ${(r.audioMs / 1000).toFixed(1)} s`;
  return [
    {
      key: "voice.readyP50Ms",
      section: VOICE,
      label: "call -> audio's last byte at the screen p50",
      value: ready.p50,
      unit: "ms",
      target: { op: "<=", value: 500 },
      note: `${ready.count} calls, one at a time; ${audio}`,
    },
    {
      key: "voice.readyP99Ms",
      section: VOICE,
      label: "call -> audio's last byte at the screen p99",
      value: ready.p99,
      unit: "ms",
      target: { op: "<=", value: 500 },
      note: `max ${ready.max.toFixed(0)} ms`,
    },
    {
      key: "voice.fetchP50Ms",
      section: VOICE,
      label: "of which: the audio GET (event -> last byte) p50",
      value: fetched.p50,
      unit: "ms",
      note: `p99 ${fetched.p99.toFixed(1)} ms (joined from segments prepared at start; no synthesis)`,
    },
    {
      key: "voice.baselineP50Ms",
      section: VOICE,
      label: "baseline: GET /health round trip p50",
      value: baseline.p50,
      unit: "ms",
      note: `p99 ${baseline.p99.toFixed(1)} ms, same hall, same run`,
    },
  ];
}
