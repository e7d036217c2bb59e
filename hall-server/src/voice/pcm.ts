/**
 * Mono 16-bit PCM in memory, and the few operations announcements need: silence, joining, trimming a clip's
 * leading and trailing silence, duration and loudness. Pure (no I/O); WAV bytes are wav.ts's job.
 */

/** Mono signed 16-bit samples at `sampleRate` Hz. */
export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/** `ms` milliseconds of silence at `sampleRate` (rounded to whole samples). */
export function silence(ms: number, sampleRate: number): Pcm {
  return { sampleRate, samples: new Int16Array(Math.round((ms * sampleRate) / 1000)) };
}

/** Duration of `pcm` in milliseconds. */
export function durationMs(pcm: Pcm): number {
  return (pcm.samples.length * 1000) / pcm.sampleRate;
}

/** `parts` one after another; RangeError when their sample rates differ (a clip pack checks this at start). */
export function joinPcm(parts: readonly Pcm[], sampleRate: number): Pcm {
  let length = 0;
  for (const p of parts) {
    if (p.sampleRate !== sampleRate)
      throw new RangeError(`cannot join ${p.sampleRate} Hz audio into a ${sampleRate} Hz announcement`);
    length += p.samples.length;
  }
  const samples = new Int16Array(length);
  let at = 0;
  for (const p of parts) {
    samples.set(p.samples, at);
    at += p.samples.length;
  }
  return { sampleRate, samples };
}

/**
 * Silence below this absolute amplitude (about -40 dBFS) is trimmed from a clip's ends: synthesisers and recordings
 * pad each word with silence of their own, which would make the gaps between segments uneven.
 */
export const TRIM_THRESHOLD = 328;

/** `pcm` without the leading and trailing samples quieter than `threshold`; a silent clip becomes empty. */
export function trimSilence(pcm: Pcm, threshold = TRIM_THRESHOLD): Pcm {
  const s = pcm.samples;
  let start = 0;
  while (start < s.length && Math.abs(s[start]!) < threshold) start++;
  let end = s.length;
  while (end > start && Math.abs(s[end - 1]!) < threshold) end--;
  return { sampleRate: pcm.sampleRate, samples: s.slice(start, end) };
}

/** Root-mean-square amplitude of `samples` (0..32768); 0 for none. */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / samples.length);
}
