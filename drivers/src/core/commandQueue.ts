/**
 * One command at a time (the one queue every driver uses): `run(task)` starts `task` once every task queued before
 * it has settled, and resolves or rejects with its result. A failed task does not stop the queue.
 *
 *   run(a) --\
 *   run(b) ---+--> a --> b --> c      (strictly in call order, never overlapping)
 *   run(c) --/
 *
 * Serial protocols without request ids (ESC/POS status, the SAM protocol, an RS-485 master) need exactly this: a
 * reply can only be matched to the one request in flight.
 */
export class CommandQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Queue `task`; its result (or error) comes back unchanged. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task, task).finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has settled (never rejects). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }
}
