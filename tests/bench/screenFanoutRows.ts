/** Rows of bench section 10 (screenFanoutBench.ts), with the brief's targets: p99 ≤ 100 ms, RSS ≤ 200 MB. */
import type { Row } from "./report.ts";
import type { FanoutRun, ScreenFanoutResult } from "./screenFanoutBench.ts";
import { summarize } from "./stats.ts";

export const FANOUT = "10. Call -> ticket.called at every hall screen over /ws (child-process server)";

const MB = 1024 * 1024;

function runRows(run: FanoutRun, key: "baseline" | "loaded", targets: boolean): Row[] {
  const s = summarize(run.latenciesMs);
  const who = `${run.clients.toLocaleString("en-US")} client${run.clients === 1 ? "" : "s"}`;
  return [
    {
      key: `fanout.${key}.p99Ms`,
      section: FANOUT,
      label: `${who}: call -> message, p99`,
      value: s.p99,
      unit: "ms",
      ...(targets ? { target: { op: "<=" as const, value: 100 } } : {}),
      note:
        `p50 ${s.p50.toFixed(1)} ms, max ${s.max.toFixed(1)} ms over ${s.count.toLocaleString("en-US")} deliveries` +
        (run.clients > 1 ? `; first client of each call p50 ${summarize(run.firstMs).p50.toFixed(1)} ms` : "") +
        (run.lost > 0 ? ` — ${run.lost} never arrived` : ""),
    },
    {
      key: `fanout.${key}.cpuMsPerCall`,
      section: FANOUT,
      label: `${who}: hall-server CPU per call`,
      value: run.cpuMsPerCall ?? Number.NaN,
      unit: "ms",
      note: "call-next + start + finish, each event sent to every client (10 ms ticks)",
    },
    {
      key: `fanout.${key}.rssMb`,
      section: FANOUT,
      label: `${who}: hall-server RSS`,
      value: run.rssBytes === null ? Number.NaN : run.rssBytes / MB,
      unit: "MB",
      ...(targets ? { target: { op: "<=" as const, value: 200 } } : {}),
      note: run.rssBytes === null ? "/proc unreadable" : "after the calls",
    },
  ];
}

/** The baseline (1 client) and the loaded run's rows; targets on the loaded run. */
export function screenFanoutRows(r: ScreenFanoutResult): Row[] {
  return [
    ...runRows(r.baseline, "baseline", false),
    ...runRows(r.loaded, "loaded", true),
    {
      key: "fanout.loaded.connectMs",
      section: FANOUT,
      label: `connecting ${r.loaded.clients.toLocaleString("en-US")} clients (each upgraded and sent its snapshot)`,
      value: r.connectMs,
      unit: "ms",
    },
  ];
}

/** The section's row when the machine cannot hold the clients (too few file descriptors). */
export function screenFanoutSkipped(why: string): Row[] {
  return [
    {
      key: "fanout.loaded.p99Ms",
      section: FANOUT,
      label: "call -> message, p99",
      value: Number.NaN,
      unit: "ms",
      note: `skipped: ${why}`,
    },
  ];
}
