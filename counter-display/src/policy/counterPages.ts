/**
 * The counter's two pages on the hall-server, as URLs: the staff console `<hallUrl><consolePath>` and the window
 * screen `<hallUrl><windowScreenPath>/<windowNumber>`, each with the station agent's address and secret in its
 * fragment (station-shell shellUrls.ts: fragments never reach a server and are never logged).
 */
import type { AgentAddress } from "@onewindow/contract";
import { pageBase, pageUrl } from "@onewindow/station-shell";

/** The counter's two windows. */
export type CounterRole = "console" | "windowScreen";

export const COUNTER_ROLES: readonly CounterRole[] = ["console", "windowScreen"];

/** Where the counter's pages are: the config's paths and the station's window number. */
export interface CounterPagesSetup {
  readonly hallUrl: string;
  readonly consolePath: string;
  readonly windowScreenPath: string;
  readonly windowNumber: number;
}

/** A role's page path on the hall-server: the console's path, or the window screen's path + "/<n>". */
export function counterPagePath(setup: CounterPagesSetup, role: CounterRole): string {
  return role === "console"
    ? setup.consolePath
    : `${setup.windowScreenPath.replace(/\/$/, "")}/${String(setup.windowNumber)}`;
}

/** A role's page without fragment (what its window's guards compare against). */
export function counterPageBase(setup: CounterPagesSetup, role: CounterRole): string {
  return pageBase(setup.hallUrl, counterPagePath(setup, role));
}

/** A role's page with the agent fragment: what its window loads (secret: never logged). */
export function counterPageUrl(setup: CounterPagesSetup, role: CounterRole, agent: AgentAddress): string {
  return pageUrl(setup.hallUrl, counterPagePath(setup, role), agent);
}
