/**
 * The counter page's state, one per page (console or window screen): the agent link, the counter state the agent
 * last sent, the request in flight and its outcome. Components read it; only the functions here change it.
 *
 *   page --signIn / signOut / act (requestId)--> agent     pending = that request
 *   agent --actDone | actRefused (requestId)---> page      outcome = done | refused, pending = null
 *   link closes while pending                              outcome = unknown: the page never claims it happened
 */
import { reactive } from "vue";
import {
  parseAgentFragment,
  type AgentMessage,
  type AgentReason,
  type CounterAct,
  type CounterState,
  type PageMessage,
  type TicketView,
} from "@onewindow/contract";
import { linkAgent, type AgentLink, type AgentLinkOptions } from "@onewindow/web-build/page/agentLink.ts";
import { PAGE_REASONS } from "../../src/consoleVerdict.ts";
import type { ConsoleCommand } from "../../src/shortcuts.ts";

/** What a page asks the agent for: a console command, signing in, or (the window screen) the citizen's rating. */
export type PageCommand = ConsoleCommand | "signIn" | "rate";

/** What became of the last request of this page. */
export type Outcome =
  | { readonly kind: "done"; readonly command: PageCommand; readonly ticket: TicketView | null }
  | { readonly kind: "refused"; readonly command: PageCommand; readonly reason: AgentReason }
  | { readonly kind: "unknown"; readonly command: PageCommand };

export const counter = reactive({
  /** Why the page cannot reach its agent (a bad fragment), else null. */
  addressProblem: null as string | null,
  /** The agent's socket is open and welcomed this page. */
  linked: false,
  station: "",
  /** The last state the agent sent (kept while the link is down, shown as stale). */
  state: null as CounterState | null,
  /** The request in flight. */
  pending: null as { readonly requestId: string; readonly command: PageCommand } | null,
  outcome: null as Outcome | null,
});

let link: AgentLink | undefined;

function onMessage(message: AgentMessage): void {
  switch (message.type) {
    case "welcome":
      counter.station = message.station;
      // The whole state again: what changed while this page was away.
      void link?.send({ type: "refresh" });
      return;
    case "counter":
      counter.state = message.counter;
      return;
    case "actDone":
    case "actRefused": {
      const pending = counter.pending;
      if (pending === null || message.requestId !== pending.requestId) return;
      counter.pending = null;
      counter.outcome =
        message.type === "actDone"
          ? { kind: "done", command: pending.command, ticket: message.ticket ?? null }
          : { kind: "refused", command: pending.command, reason: message.reason };
      return;
    }
    default:
      return;
  }
}

/**
 * Connect as `page` ("counter" for the console, "window" for the window screen) to the agent in `fragment`.
 * `connect` opens the socket (default the browser's WebSocket; Node tests pass `ws`).
 */
export function startCounter(
  fragment: string,
  page: "counter" | "window",
  connect?: AgentLinkOptions["connect"],
): void {
  const address = parseAgentFragment(fragment);
  if ("error" in address) {
    counter.addressProblem = address.error;
    return;
  }
  link = linkAgent(address, {
    page,
    ...(connect ? { connect, retryMs: 50 } : {}),
    onMessage,
    onOpen(open) {
      counter.linked = open;
      // A request without an answer when the link dropped: done or not, nobody knows yet.
      if (!open && counter.pending !== null) {
        counter.outcome = { kind: "unknown", command: counter.pending.command };
        counter.pending = null;
      }
    },
  });
}

/** Send the request `build(requestId)` as `command`; one at a time (the caller checked the verdict). */
async function request(command: PageCommand, build: (requestId: string) => PageMessage): Promise<void> {
  if (counter.pending !== null) return;
  const requestId = crypto.randomUUID();
  counter.pending = { requestId, command };
  counter.outcome = null;
  if (!(await link?.send(build(requestId)))) {
    if (counter.pending?.requestId === requestId) counter.pending = null;
    counter.outcome = { kind: "refused", command, reason: PAGE_REASONS.agentUnreachable };
  }
}

/** Sign in at this window. */
export function signIn(employeeNo: string, pin: string): Promise<void> {
  return request("signIn", (requestId) => ({ type: "signIn", requestId, employeeNo, pin }));
}

/** Sign out of this window. */
export function signOut(): Promise<void> {
  return request("signOut", (requestId) => ({ type: "signOut", requestId }));
}

/** A staff action without its envelope: `{action: "callNext"}`, `{action: "pause", reason}`, ... */
export type ActArgs = CounterAct extends infer A
  ? A extends CounterAct
    ? Omit<A, "type" | "requestId">
    : never
  : never;

/** Ask the agent to carry out `args`. */
export function act(args: ActArgs): Promise<void> {
  return request(args.action, (requestId) => ({ type: "act", requestId, ...args }));
}

/**
 * The citizen's rating from the window screen's touch choice: `level` 1 (非常不满意) to 5 (非常满意), for a bad
 * review (1-2) the reasons' `indicatorCodes` (from `CounterState.rating.reasons`) and/or a short `text`; neither
 * leaves the bad review "reason pending" for the follow-up. The agent binds it to the armed prompt's service.
 */
export function rate(level: number, reason: { indicatorCodes?: string[]; text?: string } = {}): Promise<void> {
  const text = reason.text?.trim() ?? "";
  return request("rate", (requestId) => ({
    type: "rate",
    requestId,
    level,
    ...(reason.indicatorCodes?.length ? { indicatorCodes: reason.indicatorCodes } : {}),
    ...(text !== "" ? { text } : {}),
  }));
}

/** Close the link for good (tests; a page just unloads). */
export function stopCounter(): void {
  link?.close();
  link = undefined;
}
