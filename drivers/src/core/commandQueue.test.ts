import { describe, expect, it } from "vitest";
import { CommandQueue } from "./commandQueue.ts";

describe("CommandQueue", () => {
  it("when tasks are queued, then they run one at a time in call order and each caller gets its own result", async () => {
    const queue = new CommandQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(task("a", 20)), queue.run(task("b", 1)), queue.run(task("c", 5))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("when a task fails, then its caller gets the error and the next task still runs; idle waits for all", async () => {
    const queue = new CommandQueue();
    const failed = queue.run(() => Promise.reject(new Error("no reply")));
    const next = queue.run(() => Promise.resolve(2));
    expect(queue.size).toBe(2);
    await expect(failed).rejects.toThrow("no reply");
    expect(await next).toBe(2);
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});
