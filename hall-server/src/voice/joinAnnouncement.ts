/**
 * One announcement's audio from its parts, with fixed short gaps. Pure.
 *
 *   chime | 300 ms | zh seg 60 ms seg ... [| 400 ms | en seg 60 ms seg ...] | 800 ms | (said again) ... × repeat
 */
import { joinPcm, silence, type Pcm } from "./pcm.ts";

/** The silences between parts, in ms. */
export const ANNOUNCEMENT_GAPS = {
  /** Between two segments of one line (A / 零 / 零 / 一): a breath, so digits stay apart. */
  segmentMs: 60,
  /** Between the Mandarin and the English line. */
  languageMs: 400,
  /** Between two sayings of the announcement. */
  repeatMs: 800,
  /** After the chime, before the first word. */
  afterChimeMs: 300,
} as const;

/**
 * The announcement: `chime` (when given), then `lines` (each a list of segments, Mandarin first) said `repeat`
 * times, all at `sampleRate`. RangeError when a part has another sample rate or `repeat` is below 1.
 */
export function joinAnnouncement(input: {
  sampleRate: number;
  chime: Pcm | undefined;
  lines: readonly (readonly Pcm[])[];
  repeat: number;
}): Pcm {
  const { sampleRate, chime, lines, repeat } = input;
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`repeat must be a whole number ≥ 1, got ${repeat}`);
  const gap = (ms: number) => silence(ms, sampleRate);
  const saying: Pcm[] = [];
  lines.forEach((line, n) => {
    if (n > 0) saying.push(gap(ANNOUNCEMENT_GAPS.languageMs));
    line.forEach((segment, i) => {
      if (i > 0) saying.push(gap(ANNOUNCEMENT_GAPS.segmentMs));
      saying.push(segment);
    });
  });
  const parts: Pcm[] = chime ? [chime, gap(ANNOUNCEMENT_GAPS.afterChimeMs)] : [];
  for (let r = 0; r < repeat; r++) {
    if (r > 0) parts.push(gap(ANNOUNCEMENT_GAPS.repeatMs));
    parts.push(...saying);
  }
  return joinPcm(parts, sampleRate);
}
