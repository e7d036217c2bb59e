import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config.ts";
import { effectiveLimits, RATE_LIMITS, type RateLimitName } from "./rateLimits.ts";
import { routes } from "./routes.ts";

const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** The rows of the markdown table in rateLimits.ts's header comment: route, limit, key, burst, per second. */
function documentedRows(): string[][] {
  const source = readFileSync(new URL("./rateLimits.ts", import.meta.url), "utf8");
  return source
    .split("\n")
    .filter((line) => /^ \* \| /.test(line) && !/^ \* \| (route|-)/.test(line))
    .map((line) =>
      line
        .replace(/^ \* \|/, "")
        .replace(/\|\s*$/, "")
        .split("|")
        .map((cell) => cell.trim()),
    );
}

describe("the rate-limit table", () => {
  it("when the routes are listed, then every public route has a rate limit", () => {
    const unlimited = routes.filter((r) => r.access.includes("public") && r.rateLimit === undefined).map(keyOf);
    expect(unlimited).toEqual([]);
  });

  it("when the table beside the code is read, then it lists exactly the limited routes with their limit, key and defaults", () => {
    const actual = routes
      .filter((r) => r.rateLimit !== undefined)
      .map((r) => {
        const spec = RATE_LIMITS[r.rateLimit!];
        return [keyOf(r), r.rateLimit!, spec.key, String(spec.capacity), String(spec.refillPerSecond)];
      });
    expect(documentedRows().sort()).toEqual(actual.sort());
  });

  it("when the config overrides one limit, then that limit changes and the others keep their defaults", () => {
    const config = resolveConfig({ rateLimits: { login: { capacity: 3, refillPerSecond: 0.5 } } }, "/srv");
    const limits = effectiveLimits(config);
    expect(limits.login).toEqual({ key: "source", capacity: 3, refillPerSecond: 0.5 });
    for (const name of Object.keys(RATE_LIMITS) as RateLimitName[])
      if (name !== "login") expect(limits[name]).toEqual(RATE_LIMITS[name]);
  });
});
