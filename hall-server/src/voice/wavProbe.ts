/**
 * Measuring produced audio as audio, for tests (voice tests here, the browser suite's hall-screen checks): where the
 * sound is, how loud, and at what pitch. Written apart from the voice's own code on purpose (its own RIFF reader, no
 * `wavefile`, no voice/pcm.ts), so a fault in what makes the audio cannot hide in what checks it.
 *
 *   WAV bytes -> probeWav (fmt + data chunks) -> 10 ms RMS frames -> soundRegions (loud runs, short dips bridged)
 */

/** A WAV file's format and samples as the probe read them. */
export interface ProbedWav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Format tag of the `fmt ` chunk (1 = PCM). */
  format: number;
  /** 16-bit samples (first channel). */
  samples: Int16Array;
  durationMs: number;
}

/** Read a RIFF/WAVE file's `fmt ` and `data` chunks. Throws Error when it is not one (or not 16-bit). */
export function probeWav(bytes: Uint8Array): ProbedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a RIFF/WAVE file");
  let fmt: { format: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ")
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    if (id === "data") {
      if (!fmt) throw new Error("data chunk before fmt chunk");
      if (fmt.bitsPerSample !== 16) throw new Error(`${fmt.bitsPerSample}-bit audio; the probe reads 16-bit`);
      const end = Math.min(bytes.length, body + size);
      const frames = Math.floor((end - body) / (2 * fmt.channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = view.getInt16(body + i * 2 * fmt.channels, true);
      return { ...fmt, samples, durationMs: (frames * 1000) / fmt.sampleRate };
    }
    at = body + size + (size % 2);
  }
  throw new Error("no data chunk");
}

/** RMS of `samples` between sample indexes `from` and `to`. */
export function rmsOf(samples: Int16Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
}

/** A stretch of sound: start and end in ms, and its RMS. */
export interface SoundRegion {
  startMs: number;
  endMs: number;
  rms: number;
}

/**
 * The loud stretches of `wav`: 10 ms frames whose RMS is at least `threshold` (default 300, about -40 dBFS), with
 * quieter dips shorter than `bridgeMs` (default 0: none) counted as part of the sound around them.
 */
export function soundRegions(wav: ProbedWav, options: { threshold?: number; bridgeMs?: number } = {}): SoundRegion[] {
  const threshold = options.threshold ?? 300;
  const frame = Math.round(wav.sampleRate / 100);
  const loud: boolean[] = [];
  for (let i = 0; i + frame <= wav.samples.length; i += frame) loud.push(rmsOf(wav.samples, i, i + frame) >= threshold);
  const raw: { from: number; to: number }[] = [];
  loud.forEach((isLoud, f) => {
    if (!isLoud) return;
    const last = raw.at(-1);
    if (last && (f - last.to) * 10 <= (options.bridgeMs ?? 0)) last.to = f + 1;
    else raw.push({ from: f, to: f + 1 });
  });
  return raw.map(({ from, to }) => ({
    startMs: from * 10,
    endMs: to * 10,
    rms: rmsOf(wav.samples, from * frame, to * frame),
  }));
}

/** The pitch of a pure tone between `fromMs` and `toMs`, in Hz, by counting zero crossings. */
export function toneHz(wav: ProbedWav, fromMs: number, toMs: number): number {
  const from = Math.round((fromMs * wav.sampleRate) / 1000);
  const to = Math.min(wav.samples.length, Math.round((toMs * wav.sampleRate) / 1000));
  let crossings = 0;
  for (let i = from + 1; i < to; i++) if (wav.samples[i - 1]! < 0 !== wav.samples[i]! < 0) crossings++;
  return (crossings / 2) * (wav.sampleRate / (to - from));
}
