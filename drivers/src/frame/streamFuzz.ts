/**
 * Test support for the property tests of every frame-based decoder (frame, evaluator, caller, LED): push a byte
 * stream through a framer in arbitrary cuts, the way a serial port hands it over, and report what came out.
 *
 *   [noise, frame, noise, frame, ..., tail] --concat--> cut at random --> framer.push / flush --> FeedResult
 */
import type { Frame } from "./codec.ts";
import type { StreamFramer } from "./framing.ts";

/** What a framer made of one stream. */
export interface FeedResult {
  readonly frames: Frame[];
  /** Total bytes reported as discarded. */
  readonly discarded: number;
  /** The most bytes the framer held after any push. */
  readonly maxBuffered: number;
  /** Bytes still held after the final flush (an idle line must leave none). */
  readonly bufferedAtEnd: number;
}

/** Concatenate `parts`, push them in chunks whose sizes cycle through `cuts` (each >= 1), then flush once. */
export function feedInCuts(framer: StreamFramer, parts: readonly Uint8Array[], cuts: readonly number[]): FeedResult {
  const stream = Uint8Array.from(parts.flatMap((p) => [...p]));
  const frames: Frame[] = [];
  let discarded = 0;
  let maxBuffered = 0;
  const take = (events: ReturnType<StreamFramer["push"]>): void => {
    for (const event of events)
      if (event.kind === "frame") frames.push(event.frame);
      else discarded += event.bytes.length;
  };
  for (let offset = 0, i = 0; offset < stream.length; i++) {
    const size = Math.max(1, cuts[i % cuts.length] ?? 1);
    take(framer.push(stream.subarray(offset, offset + size)));
    maxBuffered = Math.max(maxBuffered, framer.buffered);
    offset += size;
  }
  take(framer.flush());
  return { frames, discarded, maxBuffered, bufferedAtEnd: framer.buffered };
}

/** `[noise[0], frame[0], noise[1], frame[1], ...]`; noise and frames must have the same length. */
export const interleave = (noise: readonly Uint8Array[], frames: readonly Uint8Array[]): Uint8Array[] =>
  frames.flatMap((frame, i) => [noise[i] ?? new Uint8Array(0), frame]);
