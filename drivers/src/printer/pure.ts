/** The I/O-free part of printer: codecs, parsers, pure machines and data (safe for browsers and pure layers). */
export {
  encodeCommands,
  encodeChinese,
  type Align,
  type BarcodeSymbology,
  type EncodeOptions,
  type EscPosCommand,
  type QrErrorCorrection,
} from "./codec.ts";
export {
  conditionOf,
  decodeAsb,
  decodeRealtimeStatus,
  isBlocking,
  type PrinterCondition,
  type PrinterFlags,
  type PrinterStatus,
} from "./status.ts";
export {
  DEFAULT_MIN_QR_MODULE_SIZE,
  displayWidth,
  EscPosBuilder,
  wrapText,
  type QrOptions,
  type TextStyle,
} from "./builder.ts";
export { encodeTicket, ticketCommands, type TicketBlock, type TicketLayout } from "./layout.ts";
export { getPrinterProfile, parsePrinterProfile, printerProfiles, type PrinterProfile } from "./profiles.ts";
export { EscPosDecoder, type DecodedItem } from "./escposParser.ts";
export { PrinterReplyParser, type PrinterReply } from "./parser.ts";
export { TicketRecorder, type RefusedQr, type TicketElement, type TicketRecord } from "./record.ts";
export {
  describeQrProblem,
  qrByteCapacity,
  qrModules,
  qrSymbolProblem,
  qrVersionFor,
  unprintableQrs,
  type QrSymbol,
  type QrSymbolProblem,
} from "./qrSymbol.ts";
