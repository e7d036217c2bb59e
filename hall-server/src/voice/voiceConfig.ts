/**
 * The hall config's `voice` section (validated at boot with the rest of config.ts): which engine speaks the call
 * announcements, the clip pack's folder, how often each announcement is said, in which languages, with or without
 * the chime.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

/** Repeats of one announcement allowed by `voice.repeat`. */
export const VOICE_REPEAT = { min: 1, max: 5, default: 2 } as const;

export const VoiceConfig = z
  .strictObject({
    /**
     * "espeak-ng" (Debian's synthesiser), "clips" (a recorded clip pack) or "off". Absent: "clips" when `clipPack`
     * is set, else "espeak-ng" when it is installed, else "off".
     */
    engine: z.enum(["espeak-ng", "clips", "off"], { error: 'must be "espeak-ng", "clips" or "off"' }).optional(),
    /** The clip pack's folder (relative to the config file); see hall-server/docs/voice-clip-pack.md. */
    clipPack: z.string().min(1).optional(),
    /** Times each announcement is said (after one chime). */
    repeat: z
      .number({ error: "must be a whole number 1-5" })
      .int("must be a whole number 1-5")
      .min(VOICE_REPEAT.min, `must be ${VOICE_REPEAT.min}-${VOICE_REPEAT.max}`)
      .max(VOICE_REPEAT.max, `must be ${VOICE_REPEAT.min}-${VOICE_REPEAT.max}`)
      .default(VOICE_REPEAT.default),
    /** Mandarin always, first; English after it when listed. */
    languages: z
      .union([z.tuple([z.literal("zh")]), z.tuple([z.literal("zh"), z.literal("en")])], {
        error: 'must be ["zh"] or ["zh", "en"] (Mandarin first)',
      })
      .default(["zh"]),
    /** A chime before each announcement. */
    chime: z.boolean().default(true),
  })
  .refine((v) => v.engine !== "clips" || v.clipPack !== undefined, {
    message: 'engine "clips" needs clipPack: the folder of recorded segments',
    path: ["clipPack"],
  })
  .refine((v) => v.clipPack === undefined || v.engine === undefined || v.engine === "clips", {
    message: 'clipPack is only read with engine "clips": remove it or set engine to "clips"',
    path: ["clipPack"],
  });
export type VoiceConfig = z.infer<typeof VoiceConfig>;

/** The voice section with defaults filled in. */
export const DEFAULT_VOICE_CONFIG: VoiceConfig = { repeat: VOICE_REPEAT.default, languages: ["zh"], chime: true };

/**
 * `voice` with `clipPack` made absolute against `baseDir`; a clip pack path that is not an existing folder is
 * returned as a problem line ("voice.clipPack: ..."), for the config loader to report with the others.
 */
export function resolveVoiceConfig(voice: VoiceConfig, baseDir: string): { voice: VoiceConfig; problem?: string } {
  if (voice.clipPack === undefined) return { voice };
  const dir = isAbsolute(voice.clipPack) ? voice.clipPack : resolve(baseDir, voice.clipPack);
  const resolved = { ...voice, clipPack: dir };
  if (!existsSync(dir)) return { voice: resolved, problem: `voice.clipPack: no such folder ${dir}` };
  if (!statSync(dir).isDirectory())
    return { voice: resolved, problem: `voice.clipPack: ${dir} is a file; give the folder holding the clips` };
  return { voice: resolved };
}
