/** Public API of the evaluation keypad (评价器): driver, messages and key profiles, and the virtual unit. */
export * from "./pure.ts";
export {
  EvaluationKeypad,
  KeyboardEvaluationKeypad,
  type DiscardedInput,
  type EvaluationKeypadConfig,
  type EvaluationKeypadEvents,
  type Rating,
  type RatingOutcome,
  type RatingRequest,
  type UnsolicitedKey,
} from "./driver.ts";
export {
  VirtualEvaluationKeypad,
  type ReceivedRatingRequest,
  type VirtualEvaluationKeypadEvents,
  type VirtualEvaluationKeypadOptions,
} from "./virtual.ts";
