/**
 * The fallback page's script (bundled by build/buildShellApp.ts into fallback.js beside the page's index.html).
 * Reads its fragment (fallbackAddress.ts), counts down on screen, probes the hall-server's /health, and returns to
 * the window's page when the probe is answered (retryMachine.ts holds the logic; this file only renders and acts).
 * Its words are its shell's (`<html data-shell>`, fallbackWords.ts).
 *
 * The probe is a no-cors GET: the hall-server sends no CORS headers, so the answer is opaque, and any HTTP answer
 * counts as "the server is there". If the page then fails or answers with an error, the shell shows this page
 * again (policy/shellSupervisor.ts).
 */
import { healthUrlOf, parseFallbackFragment } from "./fallbackAddress.ts";
import { FALLBACK_WORDS, faultLine, fallbackVariantOf } from "./fallbackWords.ts";
import { initialRetryState, nextRetryState, type RetryEvent, type RetryState } from "./retryMachine.ts";

/** A probe slower than this counts as failed, ms. */
const PROBE_TIMEOUT_MS = 4000;

const WORDS = FALLBACK_WORDS[fallbackVariantOf(document.documentElement.dataset.shell)];

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`fallback page: #${id} missing`);
  return found;
}

function setWords(zh: string, en: string): void {
  element("status-zh").textContent = zh;
  element("status-en").textContent = en;
}

function render(state: RetryState): void {
  const button = element("retry-now") as HTMLButtonElement;
  button.disabled = state.phase !== "waiting";
  if (state.phase === "waiting") setWords(`${state.secondsLeft} 秒后重试`, `Retrying in ${state.secondsLeft} s`);
  else if (state.phase === "probing") setWords("正在重试…", "Retrying…");
  else setWords(...WORDS.returning);
  document.body.dataset.phase = state.phase;
  document.body.dataset.failures = String(state.failures);
}

async function answered(healthUrl: string): Promise<boolean> {
  try {
    await fetch(healthUrl, { mode: "no-cors", cache: "no-store", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

function start(): void {
  const address = parseFallbackFragment(location.hash);
  if ("error" in address) {
    // Only the shell writes this address; a wrong one is a shell fault, shown for the technician, never retried.
    (element("retry-now") as HTMLButtonElement).hidden = true;
    element("why").hidden = true;
    setWords(WORDS.fault[0], faultLine(WORDS, address.error));
    return;
  }
  const [whyZh, whyEn] = WORDS.why[address.reason];
  element("why-zh").textContent = whyZh;
  element("why-en").textContent = whyEn;
  const healthUrl = healthUrlOf(address.returnUrl);
  let state = initialRetryState(address.waitSeconds);

  const dispatch = (event: RetryEvent): void => {
    const before = state;
    state = nextRetryState(state, event);
    render(state);
    if (state.phase === "probing" && before.phase !== "probing") probe();
    if (state.phase === "returning" && before.phase !== "returning") {
      clearInterval(ticker);
      location.replace(address.returnUrl);
    }
  };
  const probe = (): void => {
    void answered(healthUrl).then((ok) => dispatch({ type: ok ? "probeAnswered" : "probeFailed" }));
  };

  element("retry-now").addEventListener("click", () => dispatch({ type: "retryNow" }));
  const ticker = setInterval(() => dispatch({ type: "tick" }), 1000);
  render(state);
  if (state.phase === "probing") probe();
}

start();
