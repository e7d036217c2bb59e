/** Public API of the configurable keypad / LED frame: profiles, codec, parser, link and the virtual device end. */
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
export { FrameLink, type FrameLinkOptions, type ReplyVerdict } from "./link.ts";
export { createTextCodec, type TextCodec } from "./text.ts";
export { VirtualEndpoint, noFaults, type FaultKnobs } from "./virtualEndpoint.ts";
