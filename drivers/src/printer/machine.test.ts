import { describe, expect, it } from "vitest";
import { okFlags, statusOf, type PrinterFlags } from "./status.ts";
import { initialJobState, stepJob, type JobInput, type JobState } from "./machine.ts";

const status = (flags: Partial<PrinterFlags> = {}): JobInput => ({
  kind: "status",
  status: statusOf({ ...okFlags, ...flags }),
});
const state = (kind: "preflight" | "sending" | "confirming" | "verifying"): JobState => ({ kind });

describe("print job machine", () => {
  it.each<[string, JobState, JobInput, JobState]>([
    ["preflight + ok -> sending", initialJobState, status(), { kind: "sending" }],
    [
      "preflight + near end -> sending (still prints)",
      initialJobState,
      status({ paperNearEnd: true }),
      { kind: "sending" },
    ],
    [
      "preflight + paper out -> failed, nothing sent",
      initialJobState,
      status({ paperOut: true }),
      { kind: "failed", reason: { kind: "condition", condition: "paper-out" }, sent: false },
    ],
    [
      "preflight + cover open -> failed, nothing sent",
      initialJobState,
      status({ coverOpen: true }),
      { kind: "failed", reason: { kind: "condition", condition: "cover-open" }, sent: false },
    ],
    [
      "preflight + offline -> failed",
      initialJobState,
      status({ offline: true }),
      { kind: "failed", reason: { kind: "condition", condition: "offline" }, sent: false },
    ],
    [
      "preflight + timeout -> failed, nothing sent",
      initialJobState,
      { kind: "timeout" },
      { kind: "failed", reason: { kind: "timeout", phase: "preflight" }, sent: false },
    ],
    [
      "preflight + disconnected -> failed",
      initialJobState,
      { kind: "disconnected" },
      { kind: "failed", reason: { kind: "disconnected" }, sent: false },
    ],
    ["sending + sent -> confirming", state("sending"), { kind: "sent" }, { kind: "confirming" }],
    [
      "sending + write failed -> failed, maybe sent",
      state("sending"),
      { kind: "write-failed" },
      { kind: "failed", reason: { kind: "write-failed" }, sent: true },
    ],
    ["confirming + ok poll -> confirming", state("confirming"), status(), { kind: "confirming" }],
    [
      "confirming + paper out poll -> failed mid-job",
      state("confirming"),
      status({ paperOut: true }),
      { kind: "failed", reason: { kind: "condition", condition: "paper-out" }, sent: true },
    ],
    [
      "confirming + cutter error -> failed",
      state("confirming"),
      status({ cutterError: true }),
      { kind: "failed", reason: { kind: "condition", condition: "cutter-error" }, sent: true },
    ],
    [
      "confirming + end of job -> verifying",
      state("confirming"),
      { kind: "end-of-job", paper: { nearEnd: false, paperOut: false } },
      { kind: "verifying" },
    ],
    [
      "confirming + end of job with paper end -> failed",
      state("confirming"),
      { kind: "end-of-job", paper: { nearEnd: true, paperOut: true } },
      { kind: "failed", reason: { kind: "condition", condition: "paper-out" }, sent: true },
    ],
    [
      "confirming + timeout -> failed",
      state("confirming"),
      { kind: "timeout" },
      { kind: "failed", reason: { kind: "timeout", phase: "confirming" }, sent: true },
    ],
    [
      "confirming + disconnected -> failed",
      state("confirming"),
      { kind: "disconnected" },
      { kind: "failed", reason: { kind: "disconnected" }, sent: true },
    ],
    ["verifying + ok -> printed", state("verifying"), status(), { kind: "printed", condition: "ok" }],
    [
      "verifying + near end -> printed, near end",
      state("verifying"),
      status({ paperNearEnd: true }),
      { kind: "printed", condition: "paper-near-end" },
    ],
    [
      "verifying + cover open -> failed",
      state("verifying"),
      status({ coverOpen: true }),
      { kind: "failed", reason: { kind: "condition", condition: "cover-open" }, sent: true },
    ],
    ["sent before sending is ignored", initialJobState, { kind: "sent" }, initialJobState],
    [
      "end of job before confirming is ignored",
      state("sending"),
      { kind: "end-of-job", paper: { nearEnd: false, paperOut: false } },
      state("sending"),
    ],
    [
      "printed ignores everything",
      { kind: "printed", condition: "ok" },
      { kind: "timeout" },
      { kind: "printed", condition: "ok" },
    ],
    [
      "failed ignores everything",
      { kind: "failed", reason: { kind: "disconnected" }, sent: false },
      status(),
      { kind: "failed", reason: { kind: "disconnected" }, sent: false },
    ],
  ])("%s", (_name, from, input, to) => {
    expect(stepJob(from, input)).toEqual(to);
  });

  const run = (inputs: readonly JobInput[]): JobState => inputs.reduce(stepJob, initialJobState);
  const endOfJob = (nearEnd: boolean): JobInput => ({ kind: "end-of-job", paper: { nearEnd, paperOut: false } });

  it("when DLE EOT says all is well but GS r 1 says paper near end, then the job is printed with paper-near-end", () => {
    const done = run([status(), { kind: "sent" }, endOfJob(true), status()]);
    expect(done).toEqual({ kind: "printed", condition: "paper-near-end" });
  });

  it("when a poll during the job says near end and the final status says ok, then the job is printed with paper-near-end", () => {
    const done = run([status(), { kind: "sent" }, status({ paperNearEnd: true }), endOfJob(false), status()]);
    expect(done).toEqual({ kind: "printed", condition: "paper-near-end" });
  });

  it("when every status source during the job is fine, then the job is printed ok", () => {
    expect(run([status(), { kind: "sent" }, status(), endOfJob(false), status()])).toEqual({
      kind: "printed",
      condition: "ok",
    });
  });
});
