import { describe, expect, it } from "vitest";
import { createAnnouncementQueue, type Announcement } from "./announcementQueue.ts";

const call = (seq: number, at = 1_000_000 + seq * 1000): Announcement => ({
  seq,
  at,
  text: { zh: `请 A00${seq} 号到 1 号窗口办理`, en: `Number A00${seq}, please go to window 1` },
});

/** A speaker whose announcements finish only when the test says so; it records what happened in order. */
function controlledSpeaker() {
  const log: string[] = [];
  const finishers = new Map<number, { done(): void; fail(e: Error): void }>();
  const speak = (a: Announcement) =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${a.seq}`);
      finishers.set(a.seq, {
        done: () => (log.push(`end ${a.seq}`), resolve()),
        fail: (e) => (log.push(`fail ${a.seq}`), reject(e)),
      });
    });
  /** Let pending promise callbacks run. */
  const settle = () => new Promise<void>((r) => setTimeout(r, 0));
  return { log, speak, finish: (seq: number) => finishers.get(seq)!.done(), fail: finishers, settle };
}

describe("announcement queue", () => {
  it("when two calls arrive together, then the second starts only after the first has finished", async () => {
    const s = controlledSpeaker();
    const captions: (number | null)[] = [];
    const q = createAnnouncementQueue({ speak: s.speak, onChange: (a) => captions.push(a?.seq ?? null) });
    q.push(call(1));
    q.push(call(2));
    await s.settle();
    expect(s.log).toEqual(["start 1"]);
    expect(q.current?.seq).toBe(1);
    expect(q.waiting).toBe(1);
    s.finish(1);
    await s.settle();
    expect(s.log).toEqual(["start 1", "end 1", "start 2"]);
    expect(q.current?.seq).toBe(2);
    s.finish(2);
    await q.idle();
    expect(s.log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
    expect(q.current).toBeNull();
    // The caption follows what is spoken: 1, then 2, then nothing.
    expect(captions).toEqual([1, 2, null]);
  });

  it("when a call arrives while another is spoken, then it is not cut: it waits its turn", async () => {
    const s = controlledSpeaker();
    const q = createAnnouncementQueue({ speak: s.speak });
    q.push(call(1));
    await s.settle();
    q.push(call(2));
    await s.settle();
    expect(s.log).toEqual(["start 1"]);
    s.finish(1);
    await s.settle();
    s.finish(2);
    await q.idle();
    expect(s.log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("when the same call is pushed again (a replay after a reconnect), then it is spoken once", async () => {
    const s = controlledSpeaker();
    const q = createAnnouncementQueue({ speak: s.speak });
    q.push(call(1));
    q.push(call(1));
    await s.settle();
    s.finish(1);
    await s.settle();
    q.push(call(1));
    await q.idle();
    expect(s.log).toEqual(["start 1", "end 1"]);
  });

  it("when speaking fails, then the failure is reported and the next call is still spoken", async () => {
    const s = controlledSpeaker();
    const errors: number[] = [];
    const q = createAnnouncementQueue({ speak: s.speak, onError: (_e, a) => errors.push(a.seq) });
    q.push(call(1));
    q.push(call(2));
    await s.settle();
    s.fail.get(1)!.fail(new Error("audio device gone"));
    await s.settle();
    expect(errors).toEqual([1]);
    expect(q.current?.seq).toBe(2);
    s.finish(2);
    await q.idle();
    expect(s.log).toEqual(["start 1", "fail 1", "start 2", "end 2"]);
  });

  it("when a replay holds calls far older than the newest, then only the recent ones are read out", async () => {
    const s = controlledSpeaker();
    const q = createAnnouncementQueue({ speak: s.speak, staleAfterMs: 60_000 });
    // The first is spoken at once (it is the newest when it arrives); the replay then brings calls up to 10 min later.
    q.push(call(1, 0));
    q.push(call(2, 30_000));
    q.push(call(3, 500_000));
    q.push(call(4, 590_000));
    q.push(call(5, 600_000));
    await s.settle();
    s.finish(1);
    await s.settle();
    s.finish(4);
    await s.settle();
    s.finish(5);
    await q.idle();
    expect(s.log).toEqual(["start 1", "end 1", "start 4", "end 4", "start 5", "end 5"]);
  });

  it("when nothing was pushed, then it is idle at once", async () => {
    const q = createAnnouncementQueue({ speak: () => Promise.resolve() });
    await q.idle();
    expect(q.current).toBeNull();
    expect(q.waiting).toBe(0);
  });
});
