/**
 * The rating prompt of one counter (issue 12 item 1), pure: which finished service the citizen may rate now, and
 * what the agent must do about it. No timers, no I/O: the station module (ratingStation.ts) feeds inputs and
 * carries out the effects (arm or cancel the evaluation keypad, submit to the hall).
 *
 *   finished A001 ---------> armed(A001) --keypad key / screen choice--> sending(A001, level) --hall took it--> thanks
 *        |                     |   ^                                       |  hall unreachable: stays, retried
 *        |   next citizen      |   | rating-request key (A001 unrated,     |  refused (already rated): idle + notice
 *        |   called: stays     |   |  its next service not started)        |
 *        |                     v   |
 *        |            keypad timeout: idle (on-site prompt over; A001 stays rateable by the request key)
 *   next service starts: idle, A001 no longer rateable here (its default rating comes from the hall's sweep)
 *
 * A key pressed with nothing armed is a notice ("nothing to rate"), never a rating.
 */
import type { AgentReason, RatingPromptView, SubmitRatingBody } from "@onewindow/contract";

/** The finished service a prompt is bound to: the ticket the hall's rating refers to. */
export interface FinishedService {
  ticketId: number;
  number: string;
}

export type PromptPhase =
  | { kind: "idle" }
  | { kind: "armed"; service: FinishedService; keypad: boolean }
  | { kind: "sending"; service: FinishedService; level: number; body: SubmitRatingBody }
  | { kind: "thanks"; service: FinishedService; level: number };

export interface PromptState {
  phase: PromptPhase;
  /** The last service finished here while it may still be rated here: until rated, or the next service starts. */
  rateable: FinishedService | null;
  notice: AgentReason | null;
}

export type PromptInput =
  | { type: "finished"; service: FinishedService }
  /** The caller keypad's rating-request key (or the console): ask again for the last finished service. */
  | { type: "requested" }
  | { type: "serviceStarted" }
  /** The evaluation keypad's own timeout (or the host deadline) passed without a key. */
  | { type: "keypadTimedOut" }
  /** A keypad key with nothing armed on the unit: refused (shown), never a rating. */
  | { type: "strayKey" }
  /** The keypad did not take the prompt (unplugged, not answering): the window screen alone prompts. */
  | { type: "keypadUnavailable" }
  /** The citizen's answer: `channel` 5 from the keypad, 4 from the window screen's touch choice. */
  | {
      type: "answered";
      level: number;
      channel: 4 | 5;
      indicatorCodes?: string[];
      text?: string;
      requestKey: string;
    }
  | { type: "submitted" }
  /** The hall refused the answer for good (already rated, ...): the prompt ends with the reason shown. */
  | { type: "refused"; reason: AgentReason }
  | { type: "thanksShown" }
  | { type: "noticeShown" };

export type PromptEffect =
  { kind: "armKeypad" } | { kind: "cancelKeypad" } | { kind: "submit"; body: SubmitRatingBody };

/** Notices the prompt shows (words in both languages). */
export const PROMPT_NOTICES = {
  nothing_to_rate: {
    code: "nothing_to_rate",
    words: { zh: "当前没有待评价的服务", en: "There is no service to rate now" },
  },
  already_armed: {
    code: "already_armed",
    words: { zh: "评价器已在等待评价", en: "The rating keypad is already waiting for the citizen" },
  },
} as const satisfies Record<string, AgentReason>;

export const initialPrompt = (): PromptState => ({ phase: { kind: "idle" }, rateable: null, notice: null });

/** The keypad is armed in `state`. */
const keypadArmed = (state: PromptState) => state.phase.kind === "armed" && state.phase.keypad;

/**
 * The next prompt state and the effects to carry out, for `input` in `state`. `hasKeypad`: the counter has an
 * evaluation keypad to arm.
 */
export function nextPrompt(
  state: PromptState,
  input: PromptInput,
  hasKeypad: boolean,
): { state: PromptState; effects: PromptEffect[] } {
  const cancel: PromptEffect[] = keypadArmed(state) ? [{ kind: "cancelKeypad" }] : [];
  const arm: PromptEffect[] = hasKeypad ? [{ kind: "armKeypad" }] : [];
  switch (input.type) {
    case "finished":
      return {
        state: {
          phase: { kind: "armed", service: input.service, keypad: hasKeypad },
          rateable: input.service,
          notice: null,
        },
        effects: [...cancel, ...arm],
      };
    case "requested":
      if (state.phase.kind === "armed" && (state.phase.keypad || !hasKeypad))
        return { state: { ...state, notice: PROMPT_NOTICES.already_armed }, effects: [] };
      if (state.rateable === null || state.phase.kind === "sending" || state.phase.kind === "thanks")
        return { state: { ...state, notice: PROMPT_NOTICES.nothing_to_rate }, effects: [] };
      return {
        state: { ...state, phase: { kind: "armed", service: state.rateable, keypad: hasKeypad }, notice: null },
        effects: arm,
      };
    case "serviceStarted":
      // An answer on its way still goes (it was given for the finished service); everything else ends.
      if (state.phase.kind === "sending") return { state: { ...state, rateable: null }, effects: [] };
      return { state: { phase: { kind: "idle" }, rateable: null, notice: null }, effects: cancel };
    case "keypadTimedOut":
      if (state.phase.kind !== "armed") return { state, effects: [] };
      return { state: { ...state, phase: { kind: "idle" } }, effects: [] };
    case "strayKey":
      return { state: { ...state, notice: PROMPT_NOTICES.nothing_to_rate }, effects: [] };
    case "keypadUnavailable":
      if (state.phase.kind !== "armed") return { state, effects: [] };
      return { state: { ...state, phase: { ...state.phase, keypad: false } }, effects: [] };
    case "answered": {
      if (state.phase.kind !== "armed")
        return { state: { ...state, notice: PROMPT_NOTICES.nothing_to_rate }, effects: [] };
      const service = state.phase.service;
      const body: SubmitRatingBody = {
        ticketId: service.ticketId,
        level: input.level,
        ratingChannel: input.channel,
        requestKey: input.requestKey,
        ...(input.indicatorCodes?.length ? { indicatorCodes: input.indicatorCodes } : {}),
        ...(input.text ? { text: input.text } : {}),
      };
      // A touch answer ends the keypad's prompt; a keypad answer has ended it already.
      const effects: PromptEffect[] = input.channel === 4 ? cancel : [];
      return {
        state: { ...state, phase: { kind: "sending", service, level: input.level, body }, notice: null },
        effects: [...effects, { kind: "submit", body }],
      };
    }
    case "submitted":
      if (state.phase.kind !== "sending") return { state, effects: [] };
      return {
        state: {
          phase: { kind: "thanks", service: state.phase.service, level: state.phase.level },
          rateable: null,
          notice: null,
        },
        effects: [],
      };
    case "refused":
      if (state.phase.kind !== "sending") return { state, effects: [] };
      return { state: { phase: { kind: "idle" }, rateable: null, notice: input.reason }, effects: [] };
    case "thanksShown":
      if (state.phase.kind !== "thanks") return { state, effects: [] };
      return { state: { ...state, phase: { kind: "idle" } }, effects: [] };
    case "noticeShown":
      return { state: { ...state, notice: null }, effects: [] };
  }
}

/**
 * What the window screen is told (`CounterState.rating`): `reasons` the indicator list's bad-review reasons;
 * `hallUnreachable` shown while an answer waits to be sent again.
 */
export function promptView(
  state: PromptState,
  reasons: RatingPromptView["reasons"],
  hallUnreachable: AgentReason | null,
): RatingPromptView {
  const p = state.phase;
  return {
    state: p.kind,
    ticketNumber: p.kind === "idle" ? null : p.service.number,
    keypad: p.kind === "armed" && p.keypad,
    level: p.kind === "sending" || p.kind === "thanks" ? p.level : null,
    reasons: p.kind === "armed" ? reasons : [],
    notice: p.kind === "sending" && hallUnreachable ? hallUnreachable : state.notice,
  };
}

/** The view of a counter with no prompt (before the ratings module starts). */
export const IDLE_PROMPT_VIEW: RatingPromptView = promptView(initialPrompt(), [], null);
