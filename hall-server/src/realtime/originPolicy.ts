/**
 * Which browser pages may open /ws. A browser always sends `Origin` on a WebSocket upgrade, and a page of another
 * site could otherwise reuse a token it got hold of; station agents and cameras send none and are judged by their
 * token alone. Allowed: the hall's own origins (its listen address and port; with a wildcard listen address every
 * local interface address; on loopback also `localhost`), the origin of `publicBaseUrl`, `extraOrigins`, and the
 * Electron shells' fallback page (`SHELL_FALLBACK_ORIGIN`). The Host header is not trusted for this: with DNS
 * rebinding a foreign page's Host and Origin agree.
 */
import { networkInterfaces } from "node:os";
import { SHELL_FALLBACK_ORIGIN } from "@onewindow/contract";
import type { ResolvedConfig } from "../config.ts";

const WILDCARD = new Set(["0.0.0.0", "::", "[::]", ""]);
const isLoopback = (host: string) => host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);

function httpOrigin(host: string, port: number): string | undefined {
  try {
    return new URL(`http://${host.includes(":") ? `[${host}]` : host}:${port}`).origin;
  } catch {
    return undefined; // e.g. an IPv6 address with a zone id: no browser can show a page from it anyway
  }
}

/** Every address of this machine's network interfaces (IPv4 and IPv6). */
export function localAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/**
 * The origins of pages served by this hall-server at `host` (the configured listen address) and `port` (the bound
 * one), as browsers serialise them ("http://10.0.0.2:8080").
 */
export function ownOrigins(host: string, port: number, addresses: () => string[] = localAddresses): string[] {
  const hosts = WILDCARD.has(host) ? [...addresses(), "localhost"] : [host];
  if (hosts.some(isLoopback)) hosts.push("localhost", "127.0.0.1", "::1");
  return [...new Set(hosts)].map((h) => httpOrigin(h, port)).filter((o): o is string => o !== undefined);
}

/**
 * A check of an upgrade's `Origin` header: returns undefined when the page may connect, else why not (for the log).
 * `port` is read on each call, since the bound port is known only after listen (config port 0).
 */
export function createOriginCheck(
  config: Pick<ResolvedConfig, "host" | "publicBaseUrl" | "extraOrigins">,
  port: () => number,
  addresses: () => string[] = localAddresses,
): (origin: string) => string | undefined {
  const configured = new Set<string>([SHELL_FALLBACK_ORIGIN, ...(config.extraOrigins ?? [])]);
  if (config.publicBaseUrl !== undefined) configured.add(new URL(config.publicBaseUrl).origin);
  return (origin) => {
    if (configured.has(origin)) return undefined;
    // Interfaces come and go (DHCP, a cable plugged in): compute the hall's own origins when needed.
    if (ownOrigins(config.host, port(), addresses).includes(origin)) return undefined;
    return "origin not allowed: not the hall's own, publicBaseUrl, extraOrigins or the shells' fallback page";
  };
}
