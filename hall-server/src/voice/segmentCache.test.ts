import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SpokenSegment } from "../domain/index.ts";
import type { Pcm } from "./pcm.ts";
import { SegmentCache } from "./segmentCache.ts";

/** 100 ms of a loud square wave: something trimSilence keeps. */
const tone = (): Pcm => ({
  sampleRate: 16_000,
  samples: Int16Array.from({ length: 1600 }, (_, i) => (i % 40 < 20 ? 8000 : -8000)),
});
const segments = (n: number): SpokenSegment[] =>
  Array.from({ length: n }, (_, i) => ({ key: `s${i}`, text: `第${i}段`, lang: "zh" as const }));
const tick = () => new Promise((r) => setTimeout(r, 20));

describe("the voice's segment cache", () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "onewindow-segments-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("when a fill is aborted while two renders run, then it rejects only once both have finished and are on disk", async () => {
    const gates: (() => void)[] = [];
    const started: string[] = [];
    const render = (s: SpokenSegment) =>
      new Promise<Pcm>((resolve) => {
        started.push(s.key);
        gates.push(() => resolve(tone()));
      });
    const stopping = new AbortController();
    let settled = false;
    const fill = new SegmentCache(dir, "test 1").fill(segments(5), render, stopping.signal);
    void fill.catch(() => undefined).finally(() => (settled = true));
    while (gates.length < 2) await tick();
    stopping.abort(new Error("the voice is stopping"));
    gates[0]!();
    await tick();
    // One render still runs: the fill (and so the hall's stop) must wait for it.
    expect(settled).toBe(false);
    gates[1]!();
    await expect(fill).rejects.toThrow("the voice is stopping");
    expect(started).toEqual(["s0", "s1"]);
    // Both are on disk: the next start renders only the other three.
    const again: string[] = [];
    const count = await new SegmentCache(dir, "test 1").fill(segments(5), (s) => {
      again.push(s.key);
      return Promise.resolve(tone());
    });
    expect(count).toEqual({ rendered: 3, fromDisk: 2, inMemory: 0 });
    expect(again).toEqual(["s2", "s3", "s4"]);
  });

  it("when a render fails, then no further render starts and the fill rejects with that failure", async () => {
    const started: string[] = [];
    const fill = new SegmentCache(dir, "test 1").fill(segments(6), async (s) => {
      started.push(s.key);
      await tick();
      if (s.key === "s0") throw new Error("espeak-ng failed");
      return tone();
    });
    await expect(fill).rejects.toThrow("espeak-ng failed");
    // s0 and s1 ran together; after s0 failed, s1's worker took no further segment.
    expect(started).toEqual(["s0", "s1"]);
  });
});
