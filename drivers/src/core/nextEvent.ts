import type { EventEmitter } from "node:events";

/** Resolve with the first `event` payload that satisfies `match` (test and driver-loop helper). */
export function nextEvent<T>(
  emitter: EventEmitter,
  event: string,
  match: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (value: T): void => {
      if (!match(value)) return;
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}
