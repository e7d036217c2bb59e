/**
 * The hall's voice: renders call announcements as WAV, offline, from segments prepared at start.
 *
 *   start():  config.voice.engine
 *               "espeak-ng" (or absent and installed) -> SegmentCache.fill(vocabulary, espeak-ng)   memory + disk
 *               "clips"                               -> loadClipPack(clipPack, vocabulary)         memory
 *               "off" (or absent and not installed)   -> announce() answers voice_unavailable
 *   announce(number, window):  spokenAnnouncement -> segments from memory -> joinAnnouncement -> WAV
 *
 * A call needs no synthesis: every segment an announcement can use (`voiceVocabulary`) is in memory once `start()`
 * resolves, and `announce` only looks them up and joins them. The last few announcements' WAVs are kept, since every
 * screen of the hall asks for the same one.
 */
import { join } from "node:path";
import type { Logger } from "pino";
import { ConfigError } from "../config.ts";
import { spokenAnnouncement, voiceVocabulary, type SpokenSegment } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { generateChime } from "./chime.ts";
import { ClipPackError, loadClipPack } from "./clipPack.ts";
import { espeakRender, espeakVersion, ESPEAK_BINARY } from "./espeakEngine.ts";
import { joinAnnouncement } from "./joinAnnouncement.ts";
import { durationMs, trimSilence, type Pcm } from "./pcm.ts";
import { SegmentCache } from "./segmentCache.ts";
import type { VoiceConfig } from "./voiceConfig.ts";
import { encodeWav } from "./wav.ts";

/** The engine that speaks; "off" when none does. */
export type VoiceEngineName = "espeak-ng" | "clips" | "off";

/** One announcement's audio: WAV bytes (PCM 16-bit mono) and how long it plays. */
export interface AnnouncementAudio {
  wav: Buffer;
  durationMs: number;
}

export interface Voice {
  /** The engine speaking now ("off" before `start()`, while preparing fails, and when none can speak). */
  engine(): VoiceEngineName;
  /**
   * Choose the engine and start preparing every segment: a clip pack is read and checked at once; espeak-ng renders
   * the segments missing from the disk cache in the background (`ready()`), so the hall listens meanwhile. Rejects
   * with ConfigError when the config names an engine that cannot be used (espeak-ng not installed, a clip pack with
   * missing or mismatched files). A failure of espeak-ng while rendering is logged and leaves the voice off, so the
   * hall still serves (screens show the text).
   */
  start(): Promise<void>;
  /** Resolves when every segment is prepared (or preparing failed or stopped and the voice is off); never rejects. */
  ready(): Promise<void>;
  /** Stop preparing (no espeak-ng run starts after this; one running finishes) and resolve once nothing runs. */
  stop(): Promise<void>;
  /**
   * The announcement of ticket `number` called to window `windowNumber`: chime, then the words `repeat` times,
   * joined from memory once `ready()` (no synthesis). Rejects with AppError `voice_unavailable` when no engine speaks.
   */
  announce(number: string, windowNumber: number): Promise<AnnouncementAudio>;
}

/** Announcements kept rendered (a hall's screens all fetch the latest few calls). */
const RECENT_ANNOUNCEMENTS = 16;

/**
 * The voice of a hall with `config` (the `voice` section), caching under `<dataDir>/voice-cache`. `espeakBinary`
 * (default "espeak-ng" on the PATH) is for a hall that installed it elsewhere.
 */
export function createVoice(deps: { config: VoiceConfig; dataDir: string; log: Logger; espeakBinary?: string }): Voice {
  const { config, log } = deps;
  const binary = deps.espeakBinary ?? ESPEAK_BINARY;
  const vocabulary: SpokenSegment[] = voiceVocabulary(config.languages);
  let engine: VoiceEngineName = "off";
  let offWhy = "the voice has not started";
  let sampleRate = 0;
  let chime: Pcm | undefined;
  let segment: (key: string) => Pcm | undefined = () => undefined;
  const recent = new Map<string, AnnouncementAudio>();
  let prepared: Promise<void> = Promise.resolve();
  const stopping = new AbortController();

  /** Check espeak-ng can run, then render the vocabulary in the background (`prepared`). */
  const startEspeak = async (explicit: boolean) => {
    const version = await espeakVersion(binary);
    if (version === undefined) {
      if (explicit)
        throw new ConfigError(
          `invalid configuration:\n  voice.engine: "espeak-ng", but ${binary} cannot be run: install it ` +
            `(apt-get install espeak-ng) or set voice.engine to "off"`,
        );
      offWhy = "espeak-ng is not installed and no clip pack is configured (voice.engine)";
      log.info({ module: "voice" }, `voice off: ${offWhy}`);
      return;
    }
    // "eSpeak NG text-to-speech: 1.51  Data at: ..." -> "espeak-ng-1.51": the cache folder of this version.
    const tag = `espeak-ng-${/(\d+(\.\d+)*)/.exec(version)?.[1] ?? "unknown"}`;
    const cache = new SegmentCache(join(deps.dataDir, "voice-cache"), tag);
    const started = performance.now();
    offWhy = "espeak-ng is still preparing the voice's segments";
    prepared = (async () => {
      try {
        const count = await cache.fill(vocabulary, (s) => espeakRender(s, binary), stopping.signal);
        const rates = new Set(vocabulary.map((s) => cache.get(s.key)!.sampleRate));
        if (rates.size !== 1)
          throw new Error(`espeak-ng rendered segments at several sample rates: ${[...rates].join(", ")}`);
        sampleRate = [...rates][0]!;
        segment = (key) => cache.get(key);
        if (config.chime) chime = generateChime(sampleRate);
        engine = "espeak-ng";
        log.info(
          { module: "voice", ...count, ms: Math.round(performance.now() - started) },
          `voice: espeak-ng ready (${vocabulary.length} segments)`,
        );
      } catch (error) {
        if (stopping.signal.aborted) {
          offWhy = "the hall is stopping";
          return;
        }
        offWhy = `espeak-ng failed while rendering the voice's segments: ${(error as Error).message}`;
        log.error({ module: "voice", err: error }, `voice off: ${offWhy}`);
      }
    })();
  };

  const startClips = (dir: string) => {
    try {
      const pack = loadClipPack(dir, vocabulary);
      const clips = new Map([...pack.clips].map(([key, pcm]) => [key, trimSilence(pcm)]));
      sampleRate = pack.sampleRate;
      chime = config.chime ? (pack.chime ?? generateChime(sampleRate)) : undefined;
      segment = (key) => clips.get(key);
      engine = "clips";
      log.info({ module: "voice", dir }, `voice: clip pack ready (${clips.size} segments)`);
    } catch (error) {
      if (error instanceof ClipPackError)
        throw new ConfigError(`invalid configuration:\n  voice.clipPack: ${error.message.replace(/\n/g, "\n  ")}`);
      throw error;
    }
  };

  return {
    engine: () => engine,
    async start() {
      if (config.engine === "off") offWhy = 'voice.engine is "off"';
      else if (config.engine === "clips" || (config.engine === undefined && config.clipPack !== undefined))
        startClips(config.clipPack!);
      else await startEspeak(config.engine === "espeak-ng");
    },
    ready: () => prepared,
    async stop() {
      stopping.abort(new Error("the voice is stopping"));
      await prepared;
    },
    async announce(number, windowNumber) {
      await prepared;
      if (engine === "off") throw new AppError("voice_unavailable", `no voice: ${offWhy}; screens show the text`);
      const key = `${number}|${windowNumber}`;
      const kept = recent.get(key);
      if (kept) return kept;
      const spoken = spokenAnnouncement(number, windowNumber);
      const lines = config.languages.map((lang) =>
        spoken[lang].segments.map((s) => {
          const pcm = segment(s.key);
          // Every key is in the vocabulary that start() prepared: a miss is a bug, never a reason to synthesise now.
          if (!pcm) throw new Error(`voice segment ${s.key} ("${s.text}") was not prepared at start`);
          return pcm;
        }),
      );
      const pcm = joinAnnouncement({ sampleRate, chime, lines, repeat: config.repeat });
      const audio = { wav: encodeWav(pcm), durationMs: Math.round(durationMs(pcm)) };
      recent.set(key, audio);
      if (recent.size > RECENT_ANNOUNCEMENTS) recent.delete(recent.keys().next().value!);
      return audio;
    },
  };
}
