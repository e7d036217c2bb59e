/**
 * `npm run bench`: the hall-server's performance on this machine, in one run (about five minutes, most of it the forecast accuracy runs).
 *
 *   1. SQLite durable-insert ceiling      (in process, fresh db in os.tmpdir()), measured before ...
 *   2. issue ticket over HTTP             \  one demo hall, real CLI, child process,
 *      (one phase; a kiosk's two phases)  |
 *   3. call-next over HTTP                /  stopped and deleted afterwards
 *   1. ... and after the HTTP runs         (the disk is shared; the ratio uses the higher ceiling)
 *   4. call-next decision in process      (selectNext over a synthetic busy hall)
 *   5. station agent take -> last byte     (agent in process, printer on a socat PTY, own demo hall; "skipped"
 *                                           without socat), beside a bare write of the same bytes
 *   6. wait forecast accuracy              (hall-day scenarios through the real services, beside the oracle's
 *                                           floor, ~3-5 min)
 *   7. wait forecast recompute             (a full hall: 500 waiting, 30 windows)
 *   8. page initial download               (each hall page's first load as served: brotli bytes on the wire)
 *   9. kiosk page ready for a first tap    (Debian's Chromium, cold cache, loopback), beside a /health baseline
 *  10. call -> ticket.called at 1,000      (WebSocket screen clients in this process, server in a child; RSS of
 *      hall screens, and the server's RSS   the server), beside the same with 1 client; "skipped" when ulimit -n
 *                                           is too low
 *  11. call -> announcement audio         (call-next, the /ws event, GET the WAV, last byte; own demo hall with its
 *                                           default voice), beside a /health baseline
 *
 * Section 2 runs with the wait forecast on, in its worker thread, as `hall-server start` runs it.
 * Prints a table with each target marked ✓/✗, then one JSON line. Missed targets never fail the run (the machine
 * is shared and noisy); a section that could not be measured at all is reported and sets exit code 1.
 */
import { cpus, loadavg, platform, tmpdir } from "node:os";
import { BENCH_RATE_LIMITS, withBenchHall } from "./benchHall.ts";
import { callNextDefaults, runCallNextBench } from "./callNextBench.ts";
import { runDecisionBench } from "./decisionBench.ts";
import { accuracyScenarios, runAccuracy, runRecomputeBench } from "./forecastBench.ts";
import { accuracyRows, recomputeRows } from "./forecastRows.ts";
import { issueBenchDefaults, runIssueBench, type IssueResult } from "./issueBench.ts";
import { runTwoPhaseBench, twoPhaseBenchDefaults, type TwoPhaseResult } from "./twoPhaseBench.ts";
import { loadScenario } from "../../hall-server/src/simulation/scenario.ts";
import { formatJson, formatTable, type Row } from "./report.ts";
import { pageDownloadRows } from "./pageDownload.ts";
import { runAgentTakeBench } from "./agentTakeBench.ts";
import { runKioskPageBench } from "./kioskPageBench.ts";
import {
  agentTakeRows,
  agentTakeSkipped,
  bestCeiling,
  callNextRows,
  decisionRows,
  kioskPageRows,
  diskCommitP99,
  issueRows,
  sqliteRows,
  twoPhaseRows,
  voiceRows,
} from "./rows.ts";
import { runVoiceBench } from "./voiceBench.ts";
import { execFileSync } from "node:child_process";
import { measureSqliteCeiling, type CeilingResult } from "./sqliteCeiling.ts";
import { fanoutSkipReason, runScreenFanoutBench, screenFanoutDefaults } from "./screenFanoutBench.ts";
import { screenFanoutRows, screenFanoutSkipped } from "./screenFanoutRows.ts";

const rows: Row[] = [];
const failures: { section: string; error: string }[] = [];
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
const started = performance.now();
const progress = (text: string) =>
  process.stderr.write(`bench [${((performance.now() - started) / 1000).toFixed(0).padStart(2)} s] ${text}\n`);
const meta = {
  bench: "hall-server",
  at: new Date().toISOString(),
  node: process.version,
  platform: platform(),
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  loadavg1m: loadavg()[0],
  tmpdir: tmpdir(),
  // The HTTP sections ran with these limits raised (see BENCH_LIMITS_NOTICE on stderr).
  rateLimitsRaised: BENCH_RATE_LIMITS,
};

function ceiling(when: string): CeilingResult | null {
  try {
    progress(`SQLite durable-insert ceiling, ${when} (3 s)…`);
    return measureSqliteCeiling(3000);
  } catch (e) {
    failures.push({ section: `1. SQLite ceiling (${when})`, error: message(e) });
    return null;
  }
}

const before = ceiling("before");
let issue: IssueResult | undefined;
let twoPhase: TwoPhaseResult | undefined;
try {
  progress("starting a demo hall-server…");
  await withBenchHall(async (hall) => {
    try {
      // One-phase issue (the online hall; staff issue the same way): what this benchmark always measured.
      const gateway = hall.tokens["online-hall"];
      if (!gateway) throw new Error('the demo hall has no device "online-hall"');
      progress("issue ticket: open loop 500/s for 5 s, then 16 clients for 5 s…");
      issue = await runIssueBench(hall.url, gateway, issueBenchDefaults, hall.cpuMs);
    } catch (e) {
      failures.push({ section: "2. Issue ticket", error: message(e) });
    }
    try {
      const kiosk = hall.tokens["kiosk-1"];
      if (!kiosk) throw new Error('the demo hall has no device "kiosk-1"');
      progress("kiosk two-phase issue: reserve + printed, 16 clients for 5 s…");
      twoPhase = await runTwoPhaseBench(hall.url, kiosk, twoPhaseBenchDefaults);
    } catch (e) {
      failures.push({ section: "2. Issue ticket (two-phase)", error: message(e) });
    }
    try {
      // The issue benchmarks' tickets are still waiting: top the queue up to 3,000 only if it fell short.
      const preIssue = Math.max(0, callNextDefaults.preIssue - (issue?.issued ?? 0) - (twoPhase?.closed.ok ?? 0));
      progress(`call-next: issuing ${preIssue} more tickets, then 3 staff for 5 s…`);
      rows.push(...callNextRows(await runCallNextBench(hall, { ...callNextDefaults, preIssue })));
    } catch (e) {
      failures.push({ section: "3. Call-next", error: message(e) });
    }
  });
} catch (e) {
  failures.push({ section: "2-3. hall-server", error: message(e) });
}
const after = ceiling("after");
rows.push(...sqliteRows(before, after));
if (issue)
  rows.push(
    ...issueRows(issue, issueBenchDefaults.ratePerSecond, bestCeiling(before, after), diskCommitP99(before, after)),
  );
if (twoPhase) rows.push(...twoPhaseRows(twoPhase, issue?.closed));

try {
  progress("call-next decision in process (100,000 calls)…");
  rows.push(...decisionRows(runDecisionBench()));
} catch (e) {
  failures.push({ section: "4. Decision", error: message(e) });
}

const hasSocat = (() => {
  try {
    execFileSync("socat", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasSocat) rows.push(...agentTakeSkipped("socat is not installed (the printer needs a PTY pair)"));
else
  try {
    progress("station agent: 200 takes through the agent to a virtual printer on a PTY…");
    await withBenchHall(async (hall) => {
      const kiosk = hall.tokens["kiosk-1"];
      if (!kiosk) throw new Error('the demo hall has no device "kiosk-1"');
      rows.push(...agentTakeRows(await runAgentTakeBench(hall.url, kiosk, 200)));
    });
  } catch (e) {
    failures.push({ section: "5. Station agent take", error: message(e) });
  }

try {
  progress("kiosk page: 10 cold loads in Chromium beside a /health baseline…");
  await withBenchHall(async (hall) => rows.push(...kioskPageRows(await runKioskPageBench(hall))));
} catch (e) {
  failures.push({ section: "9. Kiosk page", error: message(e) });
}
const fanoutSkip = fanoutSkipReason(screenFanoutDefaults.clients);
if (fanoutSkip) rows.push(...screenFanoutSkipped(fanoutSkip));
else
  try {
    progress(`screen fan-out: ${screenFanoutDefaults.clients} WebSocket screen clients, beside 1…`);
    await withBenchHall(async (hall) =>
      rows.push(...screenFanoutRows(await runScreenFanoutBench(hall, undefined, progress))),
    );
  } catch (e) {
    failures.push({ section: "10. Screen fan-out", error: message(e) });
  }
try {
  progress("voice: 40 calls, each until its announcement audio's last byte at a screen, beside /health…");
  await withBenchHall(async (hall) => rows.push(...voiceRows(await runVoiceBench(hall))));
} catch (e) {
  failures.push({ section: "11. Voice", error: message(e) });
}
try {
  progress("wait forecast recompute, full hall (100 recomputes)…");
  rows.push(...recomputeRows(runRecomputeBench()));
} catch (e) {
  failures.push({ section: "7. Forecast recompute", error: message(e) });
}

for (const { key, path } of accuracyScenarios) {
  try {
    progress(`wait forecast accuracy: ${key}…`);
    rows.push(...accuracyRows(await runAccuracy(key, loadScenario(path), progress)));
  } catch (e) {
    failures.push({ section: `6. Forecast accuracy (${key})`, error: message(e) });
  }
}

try {
  progress("hall pages: initial download, compressed…");
  rows.push(...(await pageDownloadRows()));
} catch (e) {
  failures.push({ section: "8. Page initial download", error: message(e) });
}

// Stable sort: sections in the brief's order (numerically: 9 before 10), rows within a section as pushed.
rows.sort((a, b) => a.section.localeCompare(b.section, "en", { numeric: true }));
console.log(formatTable(rows, failures));
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`\n(${seconds} s, ${meta.cpus} CPUs, load ${meta.loadavg1m?.toFixed(1)} at start)`);
console.log(formatJson(rows, failures, meta));
if (failures.length > 0) process.exitCode = 1;
