/** The I/O-free part of idcard: codecs, parsers, pure machines and data (safe for browsers and pure layers). */
export {
  BaudPara,
  IdCardCommand,
  MAX_FRAME_LENGTH,
  PREAMBLE,
  Sw3,
  commandName,
  decodeFrame,
  decodeReply,
  decodeRequest,
  encodeFrame,
  encodeReply,
  encodeRequest,
  readerStatus,
  setBaudCommand,
  statusError,
  xorChecksum,
} from "./codec.ts";
export type {
  CommandCode,
  IdCardCommandName,
  IdCardReply,
  IdCardRequest,
  ReaderBaudRate,
  ReaderStatus,
  Sw3Name,
} from "./codec.ts";
export { IdCardParser } from "./parser.ts";
export type { DiscardReason, IdCardParserOptions, ParserEvent } from "./parser.ts";
export {
  LONG_TERM,
  TEXT_LENGTH,
  cardTypeOf,
  decodeCardText,
  encodeCardText,
  requireValidIdNumber,
} from "./cardText.ts";
export type {
  CardFields,
  CardText,
  CardType,
  Foreign2017Card,
  Foreign2017Fields,
  Foreign2023Card,
  Foreign2023Fields,
  ResidencePermitCard,
  ResidencePermitFields,
  ResidentIdCard,
  ResidentIdFields,
} from "./cardText.ts";
export { GENDERS, NATIONS, genderFromCode, nationFromCode } from "./codeTables.ts";
export type { Gender, Nation } from "./codeTables.ts";
export {
  checkForeign2017Number,
  checkForeign2023Number,
  checkIdNumber18,
  checkPermitNumber,
  idCheckCharacter,
  invalidIdNumberError,
  permitRegion,
} from "./idNumber.ts";
export type { IdNumberCheck, PermitRegion } from "./idNumber.ts";
export {
  PHOTO_LENGTH,
  decodeAppendedAddress,
  decodeReadPayload,
  encodeAppendedAddress,
  encodeReadPayload,
  encodeSamId,
  formatSamId,
} from "./payload.ts";
export type { CardRead, SamIdParts } from "./payload.ts";
export { initialReadState, readTransition, replyFits } from "./machine.ts";
export type { ReadMachineAction, ReadMachineInput, ReadMachineState, ReadStep } from "./machine.ts";
export { DEFAULT_SAM_ID, virtualRespond } from "./virtualBehaviour.ts";
export type { VirtualPhase, VirtualReaderState, VirtualReply } from "./virtualBehaviour.ts";
export { opaqueBlob, sampleCards } from "./sampleCards.ts";
export type { VirtualCard } from "./sampleCards.ts";
