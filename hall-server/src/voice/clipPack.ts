/**
 * A clip pack: a folder of recorded WAV segments a hall drops in, one file per segment key (`zh-please.wav`,
 * `zh-0.wav`, `zh-A.wav`, ... ; the list is `voiceVocabulary()`, documented in docs/voice-clip-pack.md), plus an
 * optional `chime.wav`. Checked whole at start: every segment present, every file 16-bit mono PCM, all of one sample
 * rate. Every problem is listed in one error, so a hall fixes its pack in one go.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SpokenSegment } from "../domain/index.ts";
import type { Pcm } from "./pcm.ts";
import { decodeWav, WavFormatError } from "./wav.ts";

/** The pack's optional chime file; without it the voice generates its chime (chime.ts). */
export const CHIME_FILE = "chime.wav";

/** A clip pack that cannot be used; `problems` lists each file's problem, one line each. */
export class ClipPackError extends Error {
  override name = "ClipPackError";
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`voice clip pack ${dir} cannot be used:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** A loaded pack: every segment's audio by key, the chime when the pack has one, and the pack's sample rate. */
export interface ClipPack {
  sampleRate: number;
  clips: Map<string, Pcm>;
  chime: Pcm | undefined;
}

/** The file a segment's clip is read from. */
export const clipFileOf = (key: string) => `${key}.wav`;

/**
 * Load and check the pack in `dir` for `vocabulary`. Throws ClipPackError listing every missing segment (with what it
 * says), every unreadable or wrongly formatted file, and every file whose sample rate differs from the pack's (the
 * rate most of its files have).
 */
export function loadClipPack(dir: string, vocabulary: readonly SpokenSegment[]): ClipPack {
  const problems: string[] = [];
  const loaded = new Map<string, Pcm>();
  const read = (file: string): Pcm | undefined => {
    try {
      return decodeWav(readFileSync(join(dir, file)));
    } catch (error) {
      const why = error instanceof WavFormatError ? error.message : `unreadable: ${(error as Error).message}`;
      problems.push(`${file}: ${why}`);
      return undefined;
    }
  };
  const missing: string[] = [];
  for (const s of vocabulary) {
    const file = clipFileOf(s.key);
    if (!existsSync(join(dir, file))) {
      missing.push(`${file} (says "${s.text}")`);
      continue;
    }
    const pcm = read(file);
    if (pcm) loaded.set(file, pcm);
  }
  if (missing.length > 0) problems.unshift(`missing ${missing.length} segment file(s): ${missing.join(", ")}`);
  const chime = existsSync(join(dir, CHIME_FILE)) ? read(CHIME_FILE) : undefined;
  if (chime) loaded.set(CHIME_FILE, chime);

  // The pack's rate is the one most of its files have; every other file is named with its rate.
  const rates = new Map<number, number>();
  for (const pcm of loaded.values()) rates.set(pcm.sampleRate, (rates.get(pcm.sampleRate) ?? 0) + 1);
  const sampleRate = [...rates].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  for (const [file, pcm] of loaded)
    if (pcm.sampleRate !== sampleRate)
      problems.push(`${file}: ${pcm.sampleRate} Hz, but the pack's other files are ${sampleRate} Hz`);
  for (const [file, pcm] of loaded) if (pcm.samples.length === 0) problems.push(`${file}: holds no audio`);
  if (problems.length > 0) throw new ClipPackError(dir, problems);

  const clips = new Map<string, Pcm>();
  for (const s of vocabulary) clips.set(s.key, loaded.get(clipFileOf(s.key))!);
  return { sampleRate, clips, chime };
}
