// Per-key token buckets for kiosk requests. Memory is bounded: at most `maxKeys` buckets, kept in a
// Map whose insertion order doubles as recency order (a touched key is deleted and re-inserted), so
// the least recently used bucket is always the first key and eviction is O(1).
import { createHash } from "node:crypto";
import { SecurityError } from "./errors.ts";

/** Limiter settings. `now` returns milliseconds from any monotonic origin (default `performance.now`). */
export interface TokenBucketOptions {
  /** Burst size: requests allowed at once from a full bucket (finite, >= 1). */
  capacity: number;
  /** Sustained rate: tokens added per second (finite, > 0). */
  refillPerSecond: number;
  /** Most keys remembered; past this the least recently used bucket is dropped (integer, >= 1). */
  maxKeys: number;
  now?: () => number;
}

/** Outcome of one `take`: whether to serve, and if not, how long until one token is available. */
export interface TakeResult {
  allowed: boolean;
  /** 0 when allowed; otherwise whole milliseconds until a retry would be allowed (>= 1). */
  retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

// Keys normally are device ids or addresses; anything longer is replaced by its digest so that a
// hostile key cannot make one bucket entry arbitrarily large.
const MAX_KEY_CHARS = 128;

function bucketId(key: string): string {
  return key.length > MAX_KEY_CHARS ? `#${createHash("sha256").update(key, "utf8").digest("hex")}` : key;
}

/**
 * Token-bucket rate limiter keyed by string. A new key starts with a full bucket; each `take` spends
 * one token if available. Time comes only from the injected clock; a clock that steps backwards
 * grants nothing and never throws. Throws `SecurityError` INVALID_ARGUMENT for bad options.
 */
export class TokenBucketLimiter {
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    const { capacity, refillPerSecond, maxKeys } = options;
    if (!Number.isFinite(capacity) || capacity < 1) {
      throw new SecurityError(
        "INVALID_ARGUMENT",
        `rate limiter capacity must be a finite number >= 1, got ${capacity}`,
      );
    }
    if (!Number.isFinite(refillPerSecond) || refillPerSecond <= 0) {
      throw new SecurityError("INVALID_ARGUMENT", `rate limiter refillPerSecond must be > 0, got ${refillPerSecond}`);
    }
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new SecurityError("INVALID_ARGUMENT", `rate limiter maxKeys must be an integer >= 1, got ${maxKeys}`);
    }
    this.capacity = capacity;
    this.refillPerMs = refillPerSecond / 1000;
    this.maxKeys = maxKeys;
    this.now = options.now ?? (() => performance.now());
  }

  /** Spends one token from `key`'s bucket if it has one. */
  take(key: string): TakeResult {
    const id = bucketId(key);
    const now = this.now();
    const bucket = this.buckets.get(id);
    let tokens: number;
    let at: number;
    if (bucket === undefined) {
      tokens = this.capacity;
      at = now;
    } else {
      this.buckets.delete(id);
      // max(): if the clock stepped back, keep the old reference point rather than refilling twice later.
      const elapsed = Math.max(0, now - bucket.at);
      tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMs);
      at = Math.max(now, bucket.at);
    }
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    this.buckets.set(id, { tokens, at });
    this.evict();
    const retryAfterMs = allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs));
    return { allowed, retryAfterMs };
  }

  /** Forgets `key` (its next request starts with a full bucket), e.g. after a successful sign-in. */
  reset(key: string): void {
    this.buckets.delete(
      key.length > MAX_KEY_CHARS ? `#${createHash("sha256").update(key, "utf8").digest("hex")}` : key,
    );
  }

  /** Number of keys currently remembered (never more than `maxKeys`). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) return;
      this.buckets.delete(oldest.value);
    }
  }
}
