/**
 * The screen's device token: paired once with the 8-digit code an admin created (POST /api/devices, kind "screen"),
 * then kept in localStorage so the screen comes back by itself after a reboot. Forgotten when the hall refuses it
 * (device revoked: close 4401 or HTTP 401), which sends the screen back to pairing.
 */

const KEY = "onewindow.hallScreen.token";

/**
 * A token handed in the address's fragment (`/hall-screen#token=…`: the demo's banner, the screen paired in advance):
 * kept as if paired with a code, and dropped from the address so it is not bookmarked or shown. The fragment never
 * reaches a server.
 */
function adoptFragmentToken(): string | undefined {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (!token) return undefined;
  saveToken(token);
  history.replaceState(null, "", location.pathname + location.search);
  return token;
}

/** The kept token, or undefined (never paired, forgotten, or storage unavailable). */
export function savedToken(): string | undefined {
  const handed = adoptFragmentToken();
  if (handed !== undefined) return handed;
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keep `token`, or forget it (undefined). */
export function saveToken(token: string | undefined): void {
  try {
    if (token === undefined) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, token);
  } catch {
    // Storage blocked: the screen works until it reloads, then asks for a code again.
  }
}

/** Why pairing failed, in the words the pairing screen shows (keys of `pairing.problem`). */
export type PairingProblem = "format" | "refused" | "notScreen" | "rateLimited" | "unreachable";

/**
 * Redeem `code` at the hall (POST /api/devices/pair). Resolves with the token of a device of kind "screen", or the
 * problem: a malformed code is refused here without asking; a code of another kind of device is refused (a kiosk's or
 * counter's token would let this page watch the hall, but it is not a screen, and an admin should see it listed as one).
 */
export async function pairScreen(code: string): Promise<{ token: string } | { problem: PairingProblem }> {
  if (!/^\d{8}$/.test(code)) return { problem: "format" };
  let res: Response;
  try {
    res = await fetch("/api/devices/pair", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { problem: "unreachable" };
  }
  if (res.status === 429) return { problem: "rateLimited" };
  if (res.status === 400 || res.status === 401 || res.status === 404) return { problem: "refused" };
  if (!res.ok) return { problem: "unreachable" };
  const body = (await res.json()) as { token: string; device: { kind: string } };
  if (body.device.kind !== "screen") return { problem: "notScreen" };
  return { token: body.token };
}
