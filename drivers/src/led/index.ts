/** Public API of the LED window strip (窗口屏): bus driver, message codec and the virtual strip. */
export * from "./pure.ts";
export { LedStrip, type LedStripEvents, type LedStripOptions, type LedTarget } from "./driver.ts";
export {
  VirtualLedStrip,
  type LedLine,
  type LedStripState,
  type VirtualLedStripEvents,
  type VirtualLedStripOptions,
} from "./virtual.ts";
