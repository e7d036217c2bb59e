/**
 * The page's view of its ticket: asks GET /api/public/tickets/:token by itself (pollPlan.ts says when), keeps the last
 * good answer on screen through errors, backs off after them (Retry-After honoured) and stops once the ticket's story
 * has ended. Coming back to the page (visibilitychange) asks at once, within the per-token limit.
 */
import { onBeforeUnmount, ref, shallowRef } from "vue";
import type { PublicTicketStatus } from "@onewindow/contract";
import { backoffMs, MIN_POLL_MS, nextPollMs } from "../../src/pollPlan.ts";

export type Lookup =
  | { kind: "loading" }
  | { kind: "no-token" }
  | { kind: "unknown" }
  /** `receivedAt` is the phone's clock at the answer; `ticket.now` the hall's. */
  | { kind: "ticket"; ticket: PublicTicketStatus; receivedAt: number };

export type Problem = "offline" | "rate-limited" | null;

/** The public token of the page's URL: /t/<token> (undefined when the link was cut short). */
export function tokenFromPath(pathname: string): string | undefined {
  const m = /^\/t\/([A-Za-z0-9_-]{8,200})\/?$/.exec(pathname);
  return m?.[1];
}

/** Start following `token` (a component's setup); `onAnswer` sees every good answer (the alert rule). */
export function useTicketPoller(token: string | undefined, onAnswer: (t: PublicTicketStatus) => void) {
  const lookup = shallowRef<Lookup>(token ? { kind: "loading" } : { kind: "no-token" });
  const problem = ref<Problem>(null);
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastAsked = 0;
  let inFlight = false;
  let finished = token === undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void poll(), ms);
  };

  async function poll(): Promise<void> {
    if (finished || inFlight || token === undefined) return;
    inFlight = true;
    lastAsked = Date.now();
    try {
      const res = await fetch(`/api/public/tickets/${encodeURIComponent(token)}`, {
        cache: "no-store",
        headers: { accept: "application/json" },
      });
      if (res.status === 404) {
        lookup.value = { kind: "unknown" };
        problem.value = null;
        finished = true;
        return;
      }
      if (!res.ok) {
        failures++;
        problem.value = res.status === 429 ? "rate-limited" : "offline";
        schedule(backoffMs(failures, Number(res.headers.get("retry-after") ?? Number.NaN)));
        return;
      }
      const ticket = (await res.json()) as PublicTicketStatus;
      failures = 0;
      problem.value = null;
      lookup.value = { kind: "ticket", ticket, receivedAt: Date.now() };
      onAnswer(ticket);
      const next = nextPollMs(ticket.state, ticket.peopleAhead);
      if (next === undefined) finished = true;
      else schedule(next);
    } catch {
      failures++;
      problem.value = "offline";
      schedule(backoffMs(failures));
    } finally {
      inFlight = false;
    }
  }

  /** Ask now, or as soon as the minimum spacing allows (a tap on "refresh", the page shown again). */
  function refresh(): void {
    if (finished) return;
    const wait = lastAsked + MIN_POLL_MS - Date.now();
    if (wait > 0) schedule(wait);
    else void poll();
  }

  const onVisible = () => {
    if (document.visibilityState === "visible") refresh();
  };
  document.addEventListener("visibilitychange", onVisible);
  onBeforeUnmount(() => {
    finished = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  });
  void poll();
  return { lookup, problem, refresh };
}
