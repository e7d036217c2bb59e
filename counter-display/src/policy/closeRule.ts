/**
 * What a request to close one of the counter's windows does (the title bar's ×, Alt+F4, the task bar). Quitting
 * the app (SIGTERM, the OS shutting down) closes everything; otherwise no window closes: the console is only
 * minimised (the counter keeps serving: its agent, keypad, LED strip and window screen stay up, and a second launch
 * brings the console back, single instance), and the citizen-facing window screen stays as it is.
 */
import type { CounterRole } from "./counterPages.ts";

export type CloseOutcome = "close" | "minimize" | "keep";

/** The outcome of a close request on `role`'s window. */
export function closeOutcome(role: CounterRole, quitting: boolean): CloseOutcome {
  if (quitting) return "close";
  return role === "console" ? "minimize" : "keep";
}
