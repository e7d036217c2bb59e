/**
 * The host side of one read cycle, as a pure transition function (devices.md §1.3):
 *
 *   poll -> find --9F--> select --90--> read --90--> "card"
 *            |--80--> (after a read: "removed")
 *            '--other / failure at any step--> "error", back to idle
 *
 * `cardHeld` remembers that the card in the field was already reported, so each card is reported once per
 * placement: a reader with the protection design (§1.3) answers 80 after a read until the card is lifted and
 * placed again; a reader without it keeps answering 9F, which is then not read again. "removed" is the first 80
 * after a read; with the protection design the protocol cannot tell "lifted" from "still lying there, already
 * read", so it means "this card can no longer be read without being placed again". No timers, no I/O.
 */
import { DriverError, DriverErrorCode, isDriverError } from "../core/errors.ts";
import { Sw3, statusError, type IdCardReply } from "./codec.ts";
import { decodeReadPayload, type CardRead } from "./payload.ts";

/** The three commands of a read cycle. */
export type ReadStep = "find" | "select" | "read";

/** Idle between polls, or waiting for the reply to `step`. */
export type ReadMachineState =
  | { readonly kind: "idle"; readonly cardHeld: boolean }
  | { readonly kind: "awaiting"; readonly step: ReadStep; readonly cardHeld: boolean };

/** What the driver feeds in: a poll tick, a reply, or a failure (timeout, write error, disconnect). */
export type ReadMachineInput =
  | { readonly kind: "poll" }
  | { readonly kind: "reply"; readonly reply: IdCardReply }
  | { readonly kind: "failed"; readonly error: DriverError };

/** What the driver must do: send a command, or report a card, a removal, or an error. */
export type ReadMachineAction =
  | { readonly kind: "send"; readonly step: ReadStep }
  | { readonly kind: "card"; readonly read: CardRead }
  | { readonly kind: "removed" }
  | { readonly kind: "error"; readonly error: DriverError };

/** The next state and the actions to perform, in order. */
export interface ReadTransition {
  readonly state: ReadMachineState;
  readonly actions: readonly ReadMachineAction[];
}

/** Options that change the cycle: read with fingerprint (30 10) instead of text + photo (30 01). */
export interface ReadMachineOptions {
  readonly withFingerprint: boolean;
}

/** The state before the first poll. */
export const initialReadState: ReadMachineState = { kind: "idle", cardHeld: false };

const idle = (cardHeld: boolean, ...actions: ReadMachineAction[]): ReadTransition => ({
  state: { kind: "idle", cardHeld },
  actions,
});
const send = (step: ReadStep, cardHeld: boolean): ReadTransition => ({
  state: { kind: "awaiting", step, cardHeld },
  actions: [{ kind: "send", step }],
});

function onReply(step: ReadStep, cardHeld: boolean, reply: IdCardReply, options: ReadMachineOptions): ReadTransition {
  switch (step) {
    case "find":
      if (reply.sw3 === Sw3.CardFound) return cardHeld ? idle(true) : send("select", false);
      if (reply.sw3 === Sw3.FindFailed) return cardHeld ? idle(false, { kind: "removed" }) : idle(false);
      return idle(cardHeld, { kind: "error", error: statusError(reply, "find card") });
    case "select":
      if (reply.sw3 === Sw3.Success) return send("read", false);
      return idle(false, { kind: "error", error: statusError(reply, "select card") });
    case "read": {
      if (reply.sw3 !== Sw3.Success) return idle(false, { kind: "error", error: statusError(reply, "read card") });
      try {
        return idle(true, { kind: "card", read: decodeReadPayload(reply.data, options.withFingerprint) });
      } catch (error) {
        const typed = isDriverError(error)
          ? error
          : new DriverError(DriverErrorCode.BadPayload, "cannot decode the read reply", { cause: String(error) });
        return idle(false, { kind: "error", error: typed });
      }
    }
  }
}

/** One transition. Inputs that do not fit the state (a stray reply while idle, a poll mid-cycle) change nothing. */
export function readTransition(
  state: ReadMachineState,
  input: ReadMachineInput,
  options: ReadMachineOptions,
): ReadTransition {
  if (state.kind === "idle") return input.kind === "poll" ? send("find", state.cardHeld) : { state, actions: [] };
  if (input.kind === "poll") return { state, actions: [] };
  if (input.kind === "failed") return idle(state.cardHeld, { kind: "error", error: input.error });
  return onReply(state.step, state.cardHeld, input.reply, options);
}

/**
 * Whether `reply` is plausibly the answer to `step`. Replies carry no command echo, so this keeps a late reply
 * to an earlier, timed-out command (e.g. a 1295-byte read reply) from being taken as the answer to a find.
 */
export function replyFits(step: ReadStep | "command", reply: IdCardReply): boolean {
  switch (step) {
    case "find":
      return reply.sw3 === Sw3.CardFound
        ? reply.data.length === 4
        : reply.sw3 !== Sw3.Success && reply.data.length === 0;
    case "select":
      return reply.sw3 !== Sw3.CardFound && (reply.sw3 !== Sw3.Success || reply.data.length < 64);
    case "read":
      return reply.sw3 !== Sw3.CardFound && (reply.sw3 !== Sw3.Success || reply.data.length >= 4 + 256);
    case "command":
      // SAM commands never answer with card-search statuses; those are late replies to a poll.
      return reply.sw3 !== Sw3.CardFound && reply.sw3 !== Sw3.FindFailed && reply.sw3 !== Sw3.SelectFailed;
  }
}
