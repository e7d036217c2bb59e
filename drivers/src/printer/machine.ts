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
 */
import { isBlocking, type PaperSensor, type PrinterCondition, type PrinterStatus } from "./status.ts";

export type JobState =
  | { readonly kind: "preflight" }
  | { readonly kind: "sending" }
  | { readonly kind: "confirming" }
  | { readonly kind: "verifying" }
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
      if (state.kind === "verifying") return { kind: "printed", condition };
      return state; // a fine status while the job is still moving changes nothing
    }
    case "sent":
      return state.kind === "sending" ? { kind: "confirming" } : state;
    case "end-of-job":
      if (state.kind !== "confirming") return state;
      // The sensor says the roll ran out by the time the last byte was processed: the end of the ticket is blank.
      if (input.paper.paperOut) return { kind: "failed", reason: { kind: "condition", condition: "paper-out" }, sent };
      return { kind: "verifying" };
  }
}
