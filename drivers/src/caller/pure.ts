/** The I/O-free part of caller: codecs, parsers, pure machines and data (safe for browsers and pure layers). */
export { CallerKey, type CallerAction } from "./codec.ts";
