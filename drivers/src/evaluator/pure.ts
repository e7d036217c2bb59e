/** The I/O-free part of evaluator: codecs, parsers, pure machines and data (safe for browsers and pure layers). */
export {
  fiveKeyProfile,
  fourKeyProfile,
  functionKeyProfile,
  levelNames,
  parseKeyProfile,
  VoicePrompt,
  type KeyProfile,
  type SatisfactionLevel,
} from "./codec.ts";
