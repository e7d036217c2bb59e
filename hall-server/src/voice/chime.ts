/**
 * The generated chime before each announcement (when the clip pack has no `chime.wav`): a two-note "ding-dong"
 * (E5 then C5, the falling third halls use), each note a sine with a quick attack and an exponential decay, so it
 * catches the ear without a click. Pure.
 */
import type { Pcm } from "./pcm.ts";

/** Each note's length in ms; the chime lasts two of them. */
export const CHIME_NOTE_MS = 350;
const NOTES_HZ = [659.25, 523.25] as const;
/** Peak amplitude: about -6 dBFS, below clipping, as loud as espeak-ng's speech. */
const PEAK = 16_000;

/** The chime at `sampleRate` Hz (700 ms). */
export function generateChime(sampleRate: number): Pcm {
  const noteLength = Math.round((CHIME_NOTE_MS * sampleRate) / 1000);
  const attack = Math.round(sampleRate * 0.005);
  const samples = new Int16Array(noteLength * NOTES_HZ.length);
  NOTES_HZ.forEach((hz, n) => {
    for (let i = 0; i < noteLength; i++) {
      const t = i / sampleRate;
      const envelope = Math.min(1, i / attack) * Math.exp(-3 * (i / noteLength));
      samples[n * noteLength + i] = Math.round(PEAK * envelope * Math.sin(2 * Math.PI * hz * t));
    }
  });
  return { sampleRate, samples };
}
