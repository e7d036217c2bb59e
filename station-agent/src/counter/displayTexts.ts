/**
 * What the counter's displays show, from its state (pure):
 * - the LED strip over the window: the call ("请A001号到2号窗口") while a citizen is called or served, the idle
 *   text when the window is open and free, the paused text (default 暂停服务) when paused or nobody is signed in;
 * - the caller keypad's small display: the current number (or 空闲 / 暂停 / 请登录) and how many wait.
 */
import type { CounterState } from "@onewindow/contract";
import type { CounterKeypadConfig } from "../config.ts";

/** The LED strip's text for `state`. */
export function ledText(
  state: Pick<CounterState, "window" | "current" | "staff">,
  config: Pick<CounterKeypadConfig, "ledIdleText" | "ledPausedText">,
): string {
  if (!state.staff || state.window.state !== "open") return config.ledPausedText;
  if (state.current) return `请${state.current.number}号到${state.window.number}号窗口`;
  return config.ledIdleText;
}

/** The caller display's text for `state`, e.g. "A023 等待12". */
export function callerText(state: Pick<CounterState, "window" | "current" | "staff" | "waiting">): string {
  if (!state.staff) return "请登录";
  const waiting = state.waiting.reduce((sum, item) => sum + item.count, 0);
  const head = state.window.state === "paused" ? "暂停" : (state.current?.number ?? "空闲");
  return `${head} 等待${waiting}`;
}
