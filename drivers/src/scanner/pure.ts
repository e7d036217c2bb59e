/** The I/O-free part of scanner: the line codec (safe for browsers and pure layers). */
export {
  CR,
  DEFAULT_MAX_SCAN_LENGTH,
  encodeScan,
  LF,
  ScanLineParser,
  type ScanLineEvent,
  type ScanRejectReason,
} from "./codec.ts";
