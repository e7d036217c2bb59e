import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSecurityError } from "./errors.ts";
import { TokenBucketLimiter, type TokenBucketOptions } from "./rateLimiter.ts";

function limiter(options: Partial<TokenBucketOptions> = {}) {
  const clock = { t: 1_000 };
  const l = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 1, maxKeys: 100, now: () => clock.t, ...options });
  return { l, clock };
}

describe("TokenBucketLimiter", () => {
  it("when a new key makes capacity requests at once, then all pass and the next is refused with a retry time", () => {
    const { l } = limiter();
    expect([l.take("k1"), l.take("k1"), l.take("k1")].every((r) => r.allowed && r.retryAfterMs === 0)).toBe(true);
    expect(l.take("k1")).toEqual({ allowed: false, retryAfterMs: 1000 });
  });

  it("when time passes, then tokens refill at the configured rate up to capacity", () => {
    const { l, clock } = limiter();
    for (let i = 0; i < 3; i++) l.take("k");
    clock.t += 400;
    expect(l.take("k")).toEqual({ allowed: false, retryAfterMs: 600 });
    clock.t += 600;
    expect(l.take("k").allowed).toBe(true);
    expect(l.take("k").allowed).toBe(false);
    clock.t += 60_000; // a long idle period refills only to capacity
    expect([1, 2, 3].map(() => l.take("k").allowed)).toEqual([true, true, true]);
    expect(l.take("k").allowed).toBe(false);
  });

  it("when refused requests keep coming, then they do not spend tokens or push the retry time out", () => {
    const { l, clock } = limiter({ capacity: 1, refillPerSecond: 2 });
    l.take("k");
    for (let i = 0; i < 10; i++) expect(l.take("k")).toEqual({ allowed: false, retryAfterMs: 500 });
    clock.t += 500;
    expect(l.take("k").allowed).toBe(true);
  });

  it("when keys differ, then their buckets are independent", () => {
    const { l } = limiter({ capacity: 1 });
    expect(l.take("kiosk-1").allowed).toBe(true);
    expect(l.take("kiosk-1").allowed).toBe(false);
    expect(l.take("kiosk-2").allowed).toBe(true);
  });

  it("when more than maxKeys keys are seen, then the least recently used is evicted and size stays bounded", () => {
    const { l } = limiter({ capacity: 1, maxKeys: 2 });
    l.take("a");
    l.take("b");
    l.take("a"); // a is now more recent than b
    l.take("c"); // evicts b
    expect(l.size).toBe(2);
    expect(l.take("a").allowed).toBe(false); // still remembered (and empty)
    expect(l.take("b").allowed).toBe(true); // forgotten, so it starts full again; this evicts c
    expect(l.take("c").allowed).toBe(true);
    expect(l.size).toBe(2);
  });

  it("when many distinct keys arrive, then memory never exceeds maxKeys entries", () => {
    const { l } = limiter({ maxKeys: 50 });
    for (let i = 0; i < 10_000; i++) l.take(`k${i}`);
    expect(l.size).toBe(50);
  });

  it("when a key is very long, then it is still limited correctly", () => {
    const { l } = limiter({ capacity: 1 });
    const long = "x".repeat(10_000);
    expect(l.take(long).allowed).toBe(true);
    expect(l.take(long).allowed).toBe(false);
    expect(l.take(long + "y").allowed).toBe(true);
    l.reset(long);
    expect(l.take(long).allowed).toBe(true);
  });

  it("when the clock steps backwards, then no tokens are granted and nothing throws", () => {
    const { l, clock } = limiter({ capacity: 1 });
    l.take("k");
    clock.t -= 10_000;
    expect(l.take("k").allowed).toBe(false);
    clock.t += 10_000 + 999;
    expect(l.take("k").allowed).toBe(false);
    clock.t += 1;
    expect(l.take("k").allowed).toBe(true);
  });

  it("when a key is reset, then it starts again with a full bucket", () => {
    const { l } = limiter({ capacity: 1 });
    l.take("k");
    l.reset("k");
    expect(l.take("k").allowed).toBe(true);
  });

  it("when no clock is injected, then the default monotonic clock is used", () => {
    const l = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 0.001, maxKeys: 10 });
    expect(l.take("k").allowed).toBe(true);
    expect(l.take("k").allowed).toBe(true);
    expect(l.take("k").allowed).toBe(false);
  });

  it.each([
    { capacity: 0, refillPerSecond: 1, maxKeys: 1 },
    { capacity: Number.NaN, refillPerSecond: 1, maxKeys: 1 },
    { capacity: 1, refillPerSecond: 0, maxKeys: 1 },
    { capacity: 1, refillPerSecond: Infinity, maxKeys: 1 },
    { capacity: 1, refillPerSecond: 1, maxKeys: 0 },
    { capacity: 1, refillPerSecond: 1, maxKeys: 1.5 },
  ])("when constructed with %o, then it throws INVALID_ARGUMENT", (options) => {
    let error: unknown;
    try {
      new TokenBucketLimiter(options);
    } catch (err) {
      error = err;
    }
    expect(isSecurityError(error, "INVALID_ARGUMENT")).toBe(true);
  });

  it("when requests arrive at any times, then allowed requests never exceed capacity + rate x elapsed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 200 }),
        (capacity, rate, gaps) => {
          const { l, clock } = limiter({ capacity, refillPerSecond: rate });
          const start = clock.t;
          let allowed = 0;
          for (const gap of gaps) {
            clock.t += gap;
            const r = l.take("k");
            if (r.allowed) allowed++;
            else expect(r.retryAfterMs).toBeGreaterThanOrEqual(1);
          }
          expect(allowed).toBeLessThanOrEqual(capacity + ((clock.t - start) / 1000) * rate + 1e-9);
        },
      ),
    );
  });
});
