/** The I/O-free part of led: codecs, parsers, pure machines and data (safe for browsers and pure layers). */
export { LedColour, LedCommand, LedEffect, LedStatus, type LedTextOptions } from "./codec.ts";
