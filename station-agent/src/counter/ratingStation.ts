/**
 * The counter's rating station (issue 12 item 1): the pure prompt (ratingPrompt.ts) driven by the service's
 * finish and start, the caller keypad's rating-request key, the evaluation keypad and the window screen's touch
 * choice; its effects carried out on the keypad driver and the hall-server.
 *
 *   counter flow --serviceFinished / serviceStarted / ratingRequested--> RatingStation --nextPrompt--> effects
 *   EvaluationKeypad --rated / timeout / unsolicited-------------------->      |   armKeypad:  keypad.requestRating
 *   window screen --answerOnScreen (level, reasons)--------------------->      |   cancelKeypad: keypad.cancelRating
 *                                                                              |   submit: POST /api/ratings
 *   onChange(RatingPromptView) <--------------------------------------------- +   (device token; same requestKey
 *                                                                                   again while unreachable)
 *
 * The answer is submitted with a request key, so a retry after a lost answer never stores a second rating. It is
 * kept in the rating journal (ratingJournal.ts) before it is first sent and until the hall has stored or refused it,
 * retried while the hall is unreachable, and sent again by the next station after an agent restart
 * (`resendUnsent`). Ratings are never logged (they are the citizen's).
 */
import { randomUUID } from "node:crypto";
import type { AgentReason, RatingIndicatorList, RatingPromptView, SubmitRatingBody } from "@onewindow/contract";
import type { evaluator } from "@onewindow/drivers/node";
import type { Logger } from "pino";
import { HallError } from "../hall/hallClient.ts";
import type { RatingOutbox } from "./ratingJournal.ts";
import {
  initialPrompt,
  nextPrompt,
  promptView,
  PROMPT_NOTICES,
  type FinishedService,
  type PromptInput,
} from "./ratingPrompt.ts";

/** What the station needs of the hall client: one JSON call with the counter's device token. */
export interface RatingHall {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface RatingStationOptions {
  /** The window's evaluation keypad, when it has one (its key profile maps 4 or 5 keys to the five levels). */
  keypad: evaluator.EvaluationKeypad | undefined;
  hall: RatingHall;
  /** Where an answer waits, on disk, until the hall has stored or refused it. */
  journal: RatingOutbox;
  /** Told the prompt's view on every change (the agent puts it in `CounterState.rating`). */
  onChange: (view: RatingPromptView) => void;
  /** What to show while an answer waits for the hall. */
  hallUnreachable: AgentReason;
  log: Logger;
  /** Seconds the keypad prompts (1-255, default 30); its timeout ends only the on-site prompt. */
  timeoutSec?: number;
  /** The signed-in staff member's name, which keypads with a display show. */
  staffName?: () => string | undefined;
  /** Wait before sending an answer again while the hall is unreachable (ms, default 3,000). */
  retryMs?: number;
  /** How long "thank you" and notices stay on the screen (ms, default 4,000). */
  showMs?: number;
}

/** Refusals of the hall in the window screen's words, by error code. */
function refusalWords(error: HallError): AgentReason {
  const zh: Record<string, string> = {
    conflict: "该服务已评价过",
    invalid_state: "该服务尚不能评价",
    forbidden: "该服务不是在本窗口办理的",
    bad_request: "评价内容有误",
  };
  return { code: error.code, words: { zh: zh[error.code] ?? "评价未被接受", en: error.message } };
}

/** One counter's rating prompt; see the file comment. */
export class RatingStation {
  private state = initialPrompt();
  private reasons: RatingPromptView["reasons"] = [];
  /** Counts keypad prompts, so the outcome of one cancelled since is not taken for the current one's. */
  private keypadRound = 0;
  private unreachable = false;
  /** The ticket in service at this window when last told (currentTicket). */
  private serving: number | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: RatingStationOptions) {
    // A mapped key with nothing armed on the unit: shown as "nothing to rate", never stored.
    options.keypad?.on("unsolicited", () => this.feed({ type: "strayKey" }));
  }

  /** The prompt as the window screen shows it. */
  view(): RatingPromptView {
    return promptView(this.state, this.reasons, this.unreachable ? this.options.hallUnreachable : null);
  }

  /** Read the bad-review reasons the touch screen offers (GET /api/ratings/indicators); keeps the last on failure. */
  async loadReasons(): Promise<void> {
    try {
      const list = await this.options.hall.call<RatingIndicatorList>("GET", "/api/ratings/indicators");
      this.reasons = list.indicators
        .filter((i) => i.levels.includes(1) || i.levels.includes(2))
        .map(({ code, name }) => ({ code, name }));
      this.publish();
    } catch (error) {
      this.options.log.warn({ err: error }, "rating reasons not read; the window screen offers none for now");
    }
  }

  /** The service of `service` finished at this window: prompt for it. */
  serviceFinished(service: FinishedService): void {
    this.feed({ type: "finished", service });
  }

  /** The next service started at this window: the prompt of the previous one ends. */
  serviceStarted(): void {
    this.feed({ type: "serviceStarted" });
  }

  /** The caller keypad's rating-request key: prompt again for the last finished service, if it is still unrated here. */
  ratingRequested(): void {
    this.feed({ type: "requested" });
  }

  /**
   * The citizen chose on the window screen (touch): level, and for a bad review the reasons picked. Returns why it
   * was not taken ("nothing_to_rate" with no prompt armed), else undefined (its progress shows in the view).
   */
  answerOnScreen(answer: { level: number; indicatorCodes?: string[]; text?: string }): AgentReason | undefined {
    if (this.state.phase.kind !== "armed") {
      this.feed({ type: "strayKey" });
      return PROMPT_NOTICES.nothing_to_rate;
    }
    this.feed({ type: "answered", channel: 4, requestKey: randomUUID(), ...answer });
    return undefined;
  }

  /**
   * The ticket at this window now (the counter state's `current`): a ticket that is being served and was not a
   * moment ago (called and started, or taken off hold) is the next service starting, which ends the prompt.
   */
  currentTicket(ticket: { id: number; state: string } | null): void {
    const serving = ticket?.state === "serving" ? ticket.id : null;
    const started = serving !== null && serving !== this.serving;
    this.serving = serving;
    if (started) this.serviceStarted();
  }

  /**
   * Send again the answers an earlier run kept and never saw stored (an agent restart): they are no prompt's any
   * more, so the screen is not told of them; one the hall refuses now (already stored, say) is dropped.
   */
  resendUnsent(): void {
    for (const body of this.options.journal.unsent()) void this.submit(body, { resumed: true });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.options.keypad?.rating) this.options.keypad.cancelRating();
  }

  private feed(input: PromptInput): void {
    if (this.closed) return;
    const { state, effects } = nextPrompt(this.state, input, this.options.keypad !== undefined);
    const before = this.state;
    this.state = state;
    for (const effect of effects) {
      if (effect.kind === "armKeypad") this.armKeypad();
      else if (effect.kind === "cancelKeypad") this.cancelKeypad();
      else void this.submit(effect.body);
    }
    if (state.phase.kind === "thanks" && before.phase.kind !== "thanks")
      this.later(() => this.feed({ type: "thanksShown" }));
    if (state.notice && state.notice !== before.notice) this.later(() => this.feed({ type: "noticeShown" }));
    this.publish();
  }

  private publish(): void {
    this.options.onChange(this.view());
  }

  private later(fn: () => void, ms = this.options.showMs ?? 4000): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private cancelKeypad(): void {
    this.keypadRound++;
    if (this.options.keypad?.rating) this.options.keypad.cancelRating();
  }

  private armKeypad(): void {
    const keypad = this.options.keypad;
    if (!keypad) return;
    const round = ++this.keypadRound;
    if (keypad.rating) keypad.cancelRating();
    const staffName = this.options.staffName?.();
    keypad
      .requestRating({ timeoutSec: this.options.timeoutSec ?? 30, ...(staffName ? { staffName } : {}) })
      .then((outcome) => {
        if (round !== this.keypadRound) return; // cancelled since: a newer prompt owns the keypad
        if (outcome.kind === "rated")
          this.feed({ type: "answered", level: outcome.level, channel: 5, requestKey: randomUUID() });
        else this.feed({ type: "keypadTimedOut" });
      })
      .catch((error: unknown) => {
        this.options.log.warn(
          { err: error },
          "the evaluation keypad did not take the prompt; the window screen prompts",
        );
        if (round === this.keypadRound) this.feed({ type: "keypadUnavailable" });
      });
  }

  private async submit(answer: SubmitRatingBody, how: { resumed: boolean } = { resumed: false }): Promise<void> {
    if (this.closed) return;
    const body = { ...answer, requestKey: answer.requestKey ?? randomUUID() };
    // On disk before it leaves: from here on, a restart sends it again instead of losing it.
    this.options.journal.keep(body);
    try {
      await this.options.hall.call("POST", "/api/ratings", body);
      // Closed meanwhile (the agent stops): the journal may be shut; the next run sends it again, stored once.
      if (this.closed) return;
      this.options.journal.drop(body.requestKey);
      this.unreachable = false;
      if (!how.resumed) this.feed({ type: "submitted" });
      else this.publish();
    } catch (error) {
      if (this.closed) return;
      if (error instanceof HallError && !error.unreached) {
        this.options.journal.drop(body.requestKey);
        this.unreachable = false;
        this.options.log.warn({ code: error.code, reason: error.message }, "the hall refused a rating");
        if (!how.resumed) this.feed({ type: "refused", reason: refusalWords(error) });
        else this.publish();
        return;
      }
      // Not reached, or no answer: the same request key again later, so it is stored once whatever happened.
      this.unreachable = true;
      this.publish();
      this.later(() => void this.submit(body, how), this.options.retryMs ?? 3000);
    }
  }
}
