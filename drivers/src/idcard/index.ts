/**
 * Public API of the ID-card reader (SAM serial protocol, devices.md §1): the pure codec and card decoding,
 * the IdCardReader driver, and the VirtualIdCardReader twin with sample cards.
 */
export * from "./pure.ts";
export { IdCardReader, defaultTimeouts, wireTimeMs } from "./driver.ts";
export type { IdCardReaderEvents, IdCardReaderOptions, IdCardTimeouts } from "./driver.ts";
export { VirtualIdCardReader } from "./virtual.ts";
export type { VirtualIdCardReaderEvents, VirtualIdCardReaderOptions } from "./virtual.ts";
