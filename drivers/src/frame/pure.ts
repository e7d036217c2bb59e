/** The I/O-free part of frame: codecs, parsers, pure machines and data (safe for browsers and pure layers). */
export {
  decodeFrame,
  defaultFrameProfile,
  encodeFrame,
  frameProfileSchema,
  p7LedProfile,
  parseFrameProfile,
  type ChecksumKind,
  type Frame,
  type FrameProfile,
  type TextEncoding,
} from "./codec.ts";
export { FrameParser, type DiscardReason, type FrameParserEvent } from "./parser.ts";
export { profileFraming, type Framing, type StreamFramer } from "./framing.ts";
export { decodeHidReport, encodeHidReport, hidReportFraming } from "./hidReport.ts";
export {
  LineHealth,
  type AddressHealth,
  type AddressHealthChange,
  type AddressState,
  type LineHealthOptions,
} from "./lineHealth.ts";
export { createTextCodec, type TextCodec } from "./text.ts";
