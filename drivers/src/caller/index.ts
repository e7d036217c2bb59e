/** Public API of the caller keypad (呼叫器): driver, key codes and the virtual caller. */
export * from "./pure.ts";
export {
  CallerKeypad,
  type CallerKeyEvent,
  type CallerKeypadConfig,
  type CallerKeypadEvents,
  type DiscardedKeyFrame,
  type PollFailure,
} from "./driver.ts";
export { VirtualCallerKeypad, type VirtualCallerKeypadEvents, type VirtualCallerKeypadOptions } from "./virtual.ts";
