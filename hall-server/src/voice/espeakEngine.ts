/**
 * espeak-ng (Debian package `espeak-ng`) as a segment synthesiser: one `espeak-ng -v <voice> --stdout <text>` run per
 * segment, its WAV (22,050 Hz 16-bit mono) decoded. Runs only while the vocabulary is rendered at start (and only
 * for segments missing from the disk cache): a call never waits for it.
 */
import { execFile } from "node:child_process";
import type { SpokenSegment, VoiceLanguage } from "../domain/index.ts";
import type { Pcm } from "./pcm.ts";
import { decodeWav } from "./wav.ts";

/** espeak-ng voices by language: Mandarin (`cmn`, Latin letters said as English names) and English. */
const VOICES: Record<VoiceLanguage, string> = { zh: "cmn", en: "en" };
/** One segment is a word or two: a run longer than this is stuck (a loaded machine takes well under a second). */
const RUN_TIMEOUT_MS = 20_000;

/** The command that runs espeak-ng ("espeak-ng" on the PATH unless told otherwise). */
export const ESPEAK_BINARY = "espeak-ng";

function run(binary: string, args: string[], encoding: "buffer" | "utf8"): Promise<Buffer | string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { encoding, timeout: RUN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout: Buffer | string, stderr: Buffer | string) => {
        if (error) reject(new Error(`${binary} ${args.join(" ")} failed: ${error.message} ${String(stderr).trim()}`));
        else resolve(stdout);
      },
    );
  });
}

/**
 * The installed espeak-ng's version line ("eSpeak NG text-to-speech: 1.51 ..."), or undefined when it cannot be run.
 * The version names the disk cache's folder, so an upgraded espeak-ng renders afresh.
 */
export async function espeakVersion(binary = ESPEAK_BINARY): Promise<string | undefined> {
  try {
    const out = (await run(binary, ["--version"], "utf8")) as string;
    return out.split("\n")[0]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Render `segment` with espeak-ng (one process run). Rejects when espeak-ng fails or its output is not 16-bit mono. */
export async function espeakRender(segment: SpokenSegment, binary = ESPEAK_BINARY): Promise<Pcm> {
  const wav = (await run(binary, ["-v", VOICES[segment.lang], "--stdout", segment.text], "buffer")) as Buffer;
  return decodeWav(wav);
}
