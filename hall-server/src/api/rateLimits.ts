/**
 * Every rate-limited route, what one bucket is keyed by, and its default. A route names its limit (`rateLimit` in
 * routes.ts); app.ts keys and enforces it from `RATE_LIMITS` below, whoever calls and whatever token they present;
 * `rateLimits.<limit>` in the config overrides a default. rateLimits.test.ts checks that this table matches the
 * routes and `RATE_LIMITS`, and that every public route is limited, so the table cannot drift from behaviour.
 *
 * | route                            | limit        | key               | burst | per second |
 * | -------------------------------- | ------------ | ----------------- | ----- | ---------- |
 * | GET /health                      | health       | source            | 60    | 10         |
 * | POST /api/devices/pair           | pairing      | source            | 10    | 0.2        |
 * | POST /api/auth/login             | login        | source            | 30    | 1          |
 * | GET /api/public/tickets/:token   | ticketStatus | ticket token      | 20    | 0.5        |
 * | POST /api/tickets                | issue        | device or account | 30    | 2          |
 * | POST /api/tickets/reservations   | issue        | device or account | 30    | 2          |
 * | POST /api/appointments/check-in  | issue        | device or account | 30    | 2          |
 * | GET /api/openapi.json            | docs         | source            | 30    | 1          |
 * | GET /api/docs                    | docs         | source            | 30    | 1          |
 * | GET /api/docs/websocket.md       | docs         | source            | 30    | 1          |
 *
 * Keys: "source" is the caller's address (req.ip; no proxy is trusted), "ticket token" the public token in the path
 * (a hall's guest Wi-Fi is one address for every phone, so per source would make phones starve each other), "device
 * or account" the calling device, or the signed-in staff member's account for staff tokens. Each limit has its own
 * buckets. Besides these, wrong credentials on POST /api/auth/login lock the pair (account, source) after 5 within
 * 15 minutes, for 15 minutes (services/signInGuard.ts; kept in the database; a supervisor can unlock).
 */
import type { Request } from "express";
import type { HallConfig } from "../config.ts";
import { TokenBucketLimiter } from "../security/index.ts";
import type { Principal } from "../services/principal.ts";

/** What one bucket of a limit stands for. */
export type LimitKey = "source" | "ticket token" | "device or account";

/** One limit: its key and default token bucket (burst `capacity`, sustained `refillPerSecond`). */
export interface RateLimitSpec {
  key: LimitKey;
  capacity: number;
  refillPerSecond: number;
}

/** The limits and their defaults (the table above is checked against this). */
export const RATE_LIMITS = {
  // Cheap, but public: monitors poll it; a flood from one address should not cost the hall anything.
  health: { key: "source", capacity: 60, refillPerSecond: 10 },
  // Pairing codes are 8 digits and live minutes: a handful of tries per machine is all a technician needs.
  pairing: { key: "source", capacity: 10, refillPerSecond: 0.2 },
  // Every attempt costs a slow hash (scrypt): bounds the CPU one machine can take, whatever token it presents.
  login: { key: "source", capacity: 30, refillPerSecond: 1 },
  // A phone polls its own ticket every few seconds; tokens are unguessable, so a flood is of one ticket.
  ticketStatus: { key: "ticket token", capacity: 20, refillPerSecond: 0.5 },
  // A kiosk printing for a queue of people; staff issuing on a citizen's behalf count per account.
  issue: { key: "device or account", capacity: 30, refillPerSecond: 2 },
  // The API reference: built once and cached, but public and some 100 kB; a reader loads it a few times a minute.
  docs: { key: "source", capacity: 30, refillPerSecond: 1 },
} as const satisfies Record<string, RateLimitSpec>;

/** Name of one limit, as routes and the config name it. */
export type RateLimitName = keyof typeof RATE_LIMITS;
export const RATE_LIMIT_NAMES = Object.keys(RATE_LIMITS) as [RateLimitName, ...RateLimitName[]];

/** The limits in force: each default, replaced by `config.rateLimits[name]` where given. */
export function effectiveLimits(config: Pick<HallConfig, "rateLimits">): Record<RateLimitName, RateLimitSpec> {
  return Object.fromEntries(
    RATE_LIMIT_NAMES.map((name) => [name, { ...RATE_LIMITS[name], ...config.rateLimits[name] }]),
  ) as Record<RateLimitName, RateLimitSpec>;
}

/** One limiter per limit (separate buckets: a flood of sign-ins does not use up pairing), bounded memory. */
export function createLimiters(config: Pick<HallConfig, "rateLimits">): Record<RateLimitName, TokenBucketLimiter> {
  const limits = effectiveLimits(config);
  return Object.fromEntries(
    RATE_LIMIT_NAMES.map((name) => [
      name,
      new TokenBucketLimiter({
        capacity: limits[name].capacity,
        refillPerSecond: limits[name].refillPerSecond,
        maxKeys: 10_000,
      }),
    ]),
  ) as Record<RateLimitName, TokenBucketLimiter>;
}

/** The caller's address, as the per-source limits and the sign-in lockout see it. */
export function sourceOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** The bucket a request spends from under a limit keyed by `key`. */
export function limitKeyOf(key: LimitKey, req: Request, principal: Principal | undefined): string {
  switch (key) {
    case "source":
      return `source:${sourceOf(req)}`;
    case "ticket token":
      return `ticket:${String(req.params.token)}`;
    case "device or account":
      if (principal?.kind === "device") return `device:${principal.deviceId}`;
      if (principal?.kind === "staff") return `staff:${principal.staffId}`;
      return `source:${sourceOf(req)}`;
  }
}
