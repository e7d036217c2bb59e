import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../config.ts";
import { spokenAnnouncement, voiceVocabulary } from "../domain/index.ts";
import { CHIME_FILE, ClipPackError, loadClipPack } from "./clipPack.ts";
import { ANNOUNCEMENT_GAPS } from "./joinAnnouncement.ts";
import { tone, wavBytes, writeTonePack } from "./testing.ts";
import { createVoice } from "./voice.ts";
import { DEFAULT_VOICE_CONFIG, type VoiceConfig } from "./voiceConfig.ts";
import { probeWav, soundRegions, toneHz } from "./wavProbe.ts";

const RATE = 16_000;
const TONE_MS = 120;
const log = pino({ level: "silent" });

describe("a clip pack", () => {
  let dir: string;
  const zh = voiceVocabulary(["zh"]);
  // Each segment its own pitch, 25 Hz apart from 300 Hz up: the order of the joined clips is then heard in pitch.
  const pitch = new Map(voiceVocabulary(["zh", "en"]).map((s, i) => [s.key, 300 + 25 * i]));
  const pitchOf = (key: string) => pitch.get(key)!;
  const voiceOf = (config: Partial<VoiceConfig>) =>
    createVoice({
      config: { ...DEFAULT_VOICE_CONFIG, engine: "clips", clipPack: dir, ...config },
      dataDir: join(dir, "data"),
      log,
      // A clip pack never needs espeak-ng: make sure it is not what speaks.
      espeakBinary: join(dir, "no-such-espeak-ng"),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "onewindow-clips-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("when A001 is called to window 12, then the pack's clips are joined in the spoken order, each apart, said `repeat` times after the chime", async () => {
    writeTonePack(dir, zh, pitchOf, { ms: TONE_MS, sampleRate: RATE });
    writeFileSync(join(dir, CHIME_FILE), wavBytes(tone(1500, 400, RATE), RATE));
    // No engine named: a clip pack set means the clips speak.
    const voice = voiceOf({ repeat: 2, engine: undefined });
    await voice.start();
    expect(voice.engine()).toBe("clips");
    const wav = probeWav((await voice.announce("A001", 12)).wav);
    expect(wav.sampleRate).toBe(RATE);

    const keys = spokenAnnouncement("A001", 12).zh.segments.map((s) => s.key);
    expect(keys).toEqual([
      "zh-please",
      "zh-A",
      "zh-0",
      "zh-0",
      "zh-1",
      "zh-number-to",
      "zh-10",
      "zh-2",
      "zh-window-serve",
    ]);
    const regions = soundRegions(wav);
    // The pack's chime, then each clip as its own stretch of sound, in order, twice.
    expect(regions).toHaveLength(1 + 2 * keys.length);
    expect(toneHz(wav, regions[0]!.startMs + 20, regions[0]!.endMs - 20)).toBeCloseTo(1500, -1);
    const heard = regions.slice(1).map((r) => toneHz(wav, r.startMs + 10, r.endMs - 10));
    const said = [...keys, ...keys].map(pitchOf);
    heard.forEach((hz, i) => expect(Math.abs(hz - said[i]!)).toBeLessThan(10));
    for (const r of regions.slice(1)) expect(r.endMs - r.startMs).toBeGreaterThanOrEqual(TONE_MS - 20);
    // Gaps: within a saying the segment gap, between the sayings the repeat gap.
    const gaps = regions.slice(1).map((r, i, all) => (i === 0 ? 0 : r.startMs - all[i - 1]!.endMs));
    expect(Math.max(...gaps.slice(1, keys.length))).toBeLessThan(ANNOUNCEMENT_GAPS.segmentMs + 30);
    expect(gaps[keys.length]).toBeGreaterThanOrEqual(ANNOUNCEMENT_GAPS.repeatMs - 20);
    // Length: chime + gap + 2 × (clips + segment gaps) + repeat gap (the clips' own 50 ms padding is trimmed).
    const sayingMs = keys.length * TONE_MS + (keys.length - 1) * ANNOUNCEMENT_GAPS.segmentMs;
    const expectedMs = 400 + ANNOUNCEMENT_GAPS.afterChimeMs + 2 * sayingMs + ANNOUNCEMENT_GAPS.repeatMs;
    expect(Math.abs(wav.durationMs - expectedMs)).toBeLessThan(expectedMs * 0.05);
  });

  it("when the pack has no chime.wav and English is configured, then the generated chime comes first and the English clips follow the Mandarin ones", async () => {
    const both = voiceVocabulary(["zh", "en"]);
    writeTonePack(dir, both, pitchOf, { ms: TONE_MS, sampleRate: RATE });
    const voice = voiceOf({ languages: ["zh", "en"], repeat: 1 });
    await voice.start();
    const wav = probeWav((await voice.announce("C007", 3)).wav);
    const spoken = spokenAnnouncement("C007", 3);
    const keys = [...spoken.zh.segments, ...spoken.en.segments].map((s) => s.key);
    const regions = soundRegions(wav);
    expect(regions).toHaveLength(1 + keys.length);
    expect(toneHz(wav, 20, 300)).toBeCloseTo(659, -1);
    regions
      .slice(1)
      .forEach((r, i) =>
        expect(Math.abs(toneHz(wav, r.startMs + 10, r.endMs - 10) - pitchOf(keys[i]!))).toBeLessThan(10),
      );
  });

  it("when segments are missing, a file has another sample rate and one is stereo, then start fails listing each problem", async () => {
    writeTonePack(dir, zh, pitchOf, { sampleRate: RATE });
    unlinkSync(join(dir, "zh-7.wav"));
    unlinkSync(join(dir, "zh-window-serve.wav"));
    writeFileSync(join(dir, "zh-3.wav"), wavBytes(tone(400, 100, 22_050), 22_050));
    writeFileSync(join(dir, "zh-A.wav"), wavBytes(tone(400, 100, RATE), RATE, 2));
    const failure = await voiceOf({})
      .start()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    const message = (failure as Error).message;
    expect(message).toContain("voice.clipPack");
    expect(message).toContain(
      'missing 2 segment file(s): zh-window-serve.wav (says "号窗口办理"), zh-7.wav (says "七")',
    );
    expect(message).toContain("zh-3.wav: 22050 Hz, but the pack's other files are 16000 Hz");
    expect(message).toContain("zh-A.wav: 16000 Hz, 2 channels, 16-bit; the voice needs 16-bit mono PCM");
  });

  it("when a file is not WAV at all or holds no audio, then the pack is refused naming it", () => {
    writeTonePack(dir, zh, pitchOf, { sampleRate: RATE });
    writeFileSync(join(dir, "zh-please.wav"), "ID3 this is an mp3");
    writeFileSync(join(dir, "zh-1.wav"), wavBytes(new Int16Array(0), RATE));
    let error: unknown;
    try {
      loadClipPack(dir, zh);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClipPackError);
    expect((error as ClipPackError).problems).toEqual([
      expect.stringMatching(/^zh-please\.wav: not a WAV file/),
      "zh-1.wav: holds no audio",
    ]);
  });

  it("when the clip pack's documentation is read, then it names every file a pack holds (and the chime)", () => {
    const doc = readFileSync(new URL("../../docs/voice-clip-pack.md", import.meta.url), "utf8");
    const named = new Set([...doc.matchAll(/`([\w-]+\.wav)`/g)].map((m) => m[1]));
    const files = [...voiceVocabulary(["zh", "en"]).map((s) => `${s.key}.wav`), CHIME_FILE];
    expect(files.filter((f) => !named.has(f))).toEqual([]);
    expect([...named].filter((f) => !files.includes(f!))).toEqual([]);
  });
});
