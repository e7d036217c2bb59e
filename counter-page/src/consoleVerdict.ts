/**
 * Whether a console command can run now, and why not in plain words: the agent's verdict (its `counter.actions`,
 * contract/src/counterActions.ts) unless the page itself knows better, because the agent is unreachable (its last
 * state may be stale: never act on it) or an action of this console is still waiting for its answer. Pure.
 */
import type { ActionVerdict, AgentReason, CounterActions } from "@onewindow/contract";
import type { ConsoleCommand } from "./shortcuts.ts";

/** The page's own refusals, in the agent's reason shape. */
export const PAGE_REASONS = {
  agentUnreachable: {
    code: "agent_unreachable",
    words: {
      zh: "与本机服务的连接已断开，操作暂不可用，正在自动重连",
      en: "The connection to this counter's service is lost; actions are unavailable while it reconnects",
    },
  },
  noState: {
    code: "no_state",
    words: { zh: "正在读取窗口状态，请稍候", en: "Reading the window's state; please wait" },
  },
  pending: {
    code: "busy",
    words: { zh: "上一个操作还在等待结果，请稍候", en: "The previous action is still waiting for its answer" },
  },
} as const satisfies Record<string, AgentReason>;

/** What the verdict depends on: the link, the agent's verdicts (null before the first state), an action in flight. */
export interface ConsoleFacts {
  readonly linked: boolean;
  readonly actions: CounterActions | null;
  readonly pending: boolean;
}

const no = (why: AgentReason): ActionVerdict => ({ allowed: false, why });

/** The verdict of `command` (the language switch is always allowed: it changes nothing at the hall). */
export function consoleVerdict(command: ConsoleCommand | "signIn", facts: ConsoleFacts): ActionVerdict {
  if (command === "language") return { allowed: true };
  if (!facts.linked) return no(PAGE_REASONS.agentUnreachable);
  if (facts.actions === null) return no(PAGE_REASONS.noState);
  if (facts.pending) return no(PAGE_REASONS.pending);
  return facts.actions[command];
}
