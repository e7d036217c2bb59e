/**
 * The print job as a pure state machine: `(state, input) => next`, no timers, no I/O. The driver loop owns the
 * transport and the clock, feeds what happened, and acts on the state it gets back.
 *
 *   preflight --status ok--> sending --sent--> confirming --end-of-job reply--> verifying --status ok--> printed
 *       |                       |                  |                                |
 *       +-- status blocks, timeout, disconnect, write failure -----------------------+--> failed
 *
 * A job counts as printed only when the printer has processed every byte (the GS r 1 end-of-job probe is
 * answered in order) and a status read after that shows no fault. A fault seen on the way (DLE EOT poll or ASB)
 * fails the job at once; `sent` then tells the caller that part of the ticket may be on paper.
 *
 * The printed job's condition combines every reading taken once the job is under way (polls and ASB blocks while
 * it prints, the GS r 1 paper sensor at its end, the final DLE EOT), worst first: a printer whose DLE EOT 4 says
 * the roll is fine while GS r 1 says near end prints with "paper-near-end". The preflight reading only gates the
 * job; the readings after it are newer.
 */
import { isBlocking, worstCondition, type PaperSensor, type PrinterCondition, type PrinterStatus } from "./status.ts";

/** A job under way; `worst` is the worst non-blocking condition read since it started, absent while all is "ok". */
type Moving<K extends string> = { readonly kind: K; readonly worst?: PrinterCondition };

export type JobState =
  | { readonly kind: "preflight" }
  | Moving<"sending">
  | Moving<"confirming">
  | Moving<"verifying">
  | { readonly kind: "printed"; readonly condition: PrinterCondition }
  | { readonly kind: "failed"; readonly reason: JobFailure; readonly sent: boolean };

export type JobFailure =
  | { readonly kind: "condition"; readonly condition: PrinterCondition }
  | { readonly kind: "timeout"; readonly phase: "preflight" | "sending" | "confirming" | "verifying" }
  | { readonly kind: "disconnected" }
  | { readonly kind: "write-failed" };

export type JobInput =
  /** A full status: the answer to DLE EOT 1..4, or an ASB block. */
  | { readonly kind: "status"; readonly status: PrinterStatus }
  | { readonly kind: "sent" }
  /** The GS r 1 reply: every byte before it has been processed. */
  | { readonly kind: "end-of-job"; readonly paper: PaperSensor }
  | { readonly kind: "timeout" }
  | { readonly kind: "disconnected" }
  | { readonly kind: "write-failed" };

export const initialJobState: JobState = { kind: "preflight" };

export const isFinished = (state: JobState): state is Extract<JobState, { kind: "printed" | "failed" }> =>
  state.kind === "printed" || state.kind === "failed";

/** The state `kind` with `worst` folded in; the field stays absent while nothing worse than "ok" was read. */
function moving<K extends "sending" | "confirming" | "verifying">(
  kind: K,
  from: JobState,
  condition: PrinterCondition,
): Moving<K> {
  const worst = worstCondition("worst" in from && from.worst ? from.worst : "ok", condition);
  return worst === "ok" ? { kind } : { kind, worst };
}

export function stepJob(state: JobState, input: JobInput): JobState {
  if (isFinished(state)) return state;
  const sent = state.kind !== "preflight";
  switch (input.kind) {
    case "timeout":
      return { kind: "failed", reason: { kind: "timeout", phase: state.kind }, sent };
    case "disconnected":
      return { kind: "failed", reason: { kind: "disconnected" }, sent };
    case "write-failed":
      return { kind: "failed", reason: { kind: "write-failed" }, sent };
    case "status": {
      const { condition } = input.status;
      if (isBlocking(condition)) return { kind: "failed", reason: { kind: "condition", condition }, sent };
      if (state.kind === "preflight") return { kind: "sending" };
      const next = moving(state.kind, state, condition);
      if (next.kind === "verifying") return { kind: "printed", condition: next.worst ?? "ok" };
      return next; // a non-blocking status while the job is still moving is only remembered
    }
    case "sent":
      return state.kind === "sending" ? moving("confirming", state, "ok") : state;
    case "end-of-job":
      if (state.kind !== "confirming") return state;
      // The sensor says the roll ran out by the time the last byte was processed: the end of the ticket is blank.
      if (input.paper.paperOut) return { kind: "failed", reason: { kind: "condition", condition: "paper-out" }, sent };
      return moving("verifying", state, input.paper.nearEnd ? "paper-near-end" : "ok");
  }
}
