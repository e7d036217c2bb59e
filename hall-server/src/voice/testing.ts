/**
 * Test helpers for the voice: an espeak-ng that counts its runs (a wrapper script around the real one, so the real
 * synthesiser still speaks), a broken one, segment renders made straight with espeak-ng for expected lengths, and
 * clip packs of pure tones written as WAV files.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SpokenSegment } from "../domain/index.ts";
import { probeWav } from "./wavProbe.ts";

/** The real espeak-ng's path (throws when it is not installed: .ci/run installs it). */
export function realEspeak(): string {
  return execFileSync("sh", ["-c", "command -v espeak-ng"], { encoding: "utf8" }).trim();
}

/**
 * A folder `dir/bin` holding an `espeak-ng` that appends one line per run (its arguments) to `dir/espeak-runs.log`
 * and then runs the real one. `runs()` counts the synthesis runs so far (`--version` checks excluded).
 */
export function countingEspeak(dir: string): { binDir: string; binary: string; runs(): number } {
  const binDir = join(dir, "bin");
  mkdirSync(binDir, { recursive: true });
  const log = join(dir, "espeak-runs.log");
  writeFileSync(log, "");
  const binary = join(binDir, "espeak-ng");
  writeFileSync(binary, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realEspeak()}' "$@"\n`);
  chmodSync(binary, 0o755);
  const runs = () =>
    readFileSync(log, "utf8")
      .split("\n")
      .filter((line) => line !== "" && line !== "--version").length;
  return { binDir, binary, runs };
}

/** An `espeak-ng` in `dir` that answers `--version` like the real one but fails every synthesis (exit 3). */
export function failingEspeak(dir: string): string {
  const binary = join(dir, "espeak-ng-failing");
  writeFileSync(
    binary,
    `#!/bin/sh\n[ "$1" = --version ] && exec '${realEspeak()}' --version\necho broken >&2\nexit 3\n`,
  );
  chmodSync(binary, 0o755);
  return binary;
}

/** How long espeak-ng says `segment`, in ms, without its own leading and trailing silence (run here directly). */
export function espeakSpokenMs(segment: SpokenSegment): number {
  const wav = probeWav(
    execFileSync(realEspeak(), ["-v", segment.lang === "zh" ? "cmn" : "en", "--stdout", segment.text]),
  );
  const loud = (v: number) => Math.abs(v) >= 328;
  const first = wav.samples.findIndex(loud);
  const last = wav.samples.findLastIndex(loud);
  return first < 0 ? 0 : ((last - first + 1) * 1000) / wav.sampleRate;
}

/** A canonical 16-bit PCM WAV file of `samples` (written here, not by the voice's encoder). */
export function wavBytes(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(v, i * 2));
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** `ms` of a sine at `hz` (amplitude 12,000), as 16-bit samples at `sampleRate`. */
export function tone(hz: number, ms: number, sampleRate: number): Int16Array {
  const n = Math.round((ms * sampleRate) / 1000);
  return Int16Array.from({ length: n }, (_, i) => Math.round(12_000 * Math.sin((2 * Math.PI * hz * i) / sampleRate)));
}

/**
 * Write a clip pack into `dir`: for each segment of `vocabulary` a tone of its own pitch (`pitchOf(key)`) lasting
 * `ms`, padded with 50 ms of silence each side as a recording would be.
 */
export function writeTonePack(
  dir: string,
  vocabulary: readonly SpokenSegment[],
  pitchOf: (key: string) => number,
  options: { ms?: number; sampleRate?: number } = {},
): void {
  const rate = options.sampleRate ?? 16_000;
  const pad = new Int16Array(Math.round(0.05 * rate));
  mkdirSync(dir, { recursive: true });
  for (const s of vocabulary) {
    const body = tone(pitchOf(s.key), options.ms ?? 120, rate);
    const samples = new Int16Array(pad.length * 2 + body.length);
    samples.set(body, pad.length);
    writeFileSync(join(dir, `${s.key}.wav`), wavBytes(samples, rate));
  }
}
