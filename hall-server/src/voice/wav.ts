/**
 * WAV bytes <-> mono 16-bit PCM, through the `wavefile` library (RIFF chunks, odd chunk padding, extra chunks such
 * as LIST). Only PCM 16-bit mono is accepted: what espeak-ng writes and what an announcement is joined from.
 *
 * espeak-ng's `--stdout` streams before it knows the length, so its RIFF and data sizes say 0x7FFFF000: the data is
 * then whatever bytes follow the header, which `wavefile` takes as it is (it reads the data chunk up to the end).
 */
import wavefile from "wavefile";
import type { Pcm } from "./pcm.ts";

/** A WAV file the voice cannot use: not RIFF/WAVE, compressed, stereo, or not 16-bit. */
export class WavFormatError extends Error {
  override name = "WavFormatError";
}

/** What a WAV file's `fmt ` chunk says (wavefile types it as a bare object). */
interface FmtChunk {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
}

/** The sample format of a WAV file, in words ("22050 Hz, 1 channel, 16-bit PCM"), for error messages. */
export function describeFormat(fmt: Pick<FmtChunk, "sampleRate" | "numChannels" | "bitsPerSample">): string {
  return `${fmt.sampleRate} Hz, ${fmt.numChannels} channel${fmt.numChannels === 1 ? "" : "s"}, ${fmt.bitsPerSample}-bit`;
}

/** Decode WAV `bytes` to PCM. Throws WavFormatError saying what is wrong (not WAV, not 16-bit mono PCM). */
export function decodeWav(bytes: Uint8Array): Pcm {
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch (error) {
    throw new WavFormatError(`not a WAV file: ${(error as Error).message}`);
  }
  const fmt = wav.fmt as FmtChunk;
  // 1 = PCM; 0xFFFE (WAVE_FORMAT_EXTENSIBLE) also carries plain PCM from some recorders.
  if (fmt.audioFormat !== 1 && fmt.audioFormat !== 0xfffe)
    throw new WavFormatError(`compressed WAV (format tag ${fmt.audioFormat}); save it as PCM 16-bit mono`);
  if (fmt.numChannels !== 1 || fmt.bitsPerSample !== 16)
    throw new WavFormatError(`${describeFormat(fmt)}; the voice needs 16-bit mono PCM`);
  const data = (wav.data as { samples: Uint8Array }).samples;
  // Copy into an aligned buffer (the data chunk may start at an odd offset); little-endian as WAV is.
  const samples = new Int16Array(Math.floor(data.length / 2));
  const view = new DataView(data.buffer, data.byteOffset, samples.length * 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return { sampleRate: fmt.sampleRate, samples };
}

/** Encode `pcm` as a canonical 44-byte-header WAV file (PCM 16-bit mono). */
export function encodeWav(pcm: Pcm): Buffer {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, pcm.sampleRate, "16", pcm.samples);
  return Buffer.from(wav.toBuffer());
}
