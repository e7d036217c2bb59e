import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../config.ts";
import { spokenAnnouncement, voiceVocabulary } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { CHIME_NOTE_MS } from "./chime.ts";
import { ANNOUNCEMENT_GAPS } from "./joinAnnouncement.ts";
import { countingEspeak, espeakSpokenMs, failingEspeak } from "./testing.ts";
import { createVoice } from "./voice.ts";
import { DEFAULT_VOICE_CONFIG, type VoiceConfig } from "./voiceConfig.ts";
import { probeWav, rmsOf, soundRegions, toneHz, type SoundRegion } from "./wavProbe.ts";

const log = pino({ level: "silent" });
const CHIME_MS = 2 * CHIME_NOTE_MS;

/** Group `regions` into runs separated by silences of at least `gapMs`. */
function groups(regions: SoundRegion[], gapMs: number): SoundRegion[][] {
  const out: SoundRegion[][] = [];
  for (const r of regions) {
    const last = out.at(-1);
    if (last && r.startMs - last.at(-1)!.endMs < gapMs) last.push(r);
    else out.push([r]);
  }
  return out;
}

describe("the espeak-ng voice", () => {
  let dir: string;
  let espeak: ReturnType<typeof countingEspeak>;
  const voiceWith = (config: Partial<VoiceConfig> = {}, binary = espeak.binary) =>
    createVoice({
      config: { ...DEFAULT_VOICE_CONFIG, engine: "espeak-ng", ...config },
      dataDir: join(dir, "data"),
      log,
      espeakBinary: binary,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "onewindow-voice-"));
    espeak = countingEspeak(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("when A001 is called to window 3 (repeat 2), then the audio is the chime, then the words twice, as long as its segments, and not silent", async () => {
    const voice = voiceWith();
    await voice.start();
    await voice.ready();
    expect(voice.engine()).toBe("espeak-ng");
    const audio = await voice.announce("A001", 3);
    const wav = probeWav(audio.wav);
    expect({ format: wav.format, channels: wav.channels, bits: wav.bitsPerSample }).toEqual({
      format: 1,
      channels: 1,
      bits: 16,
    });
    expect(Math.abs(audio.durationMs - wav.durationMs)).toBeLessThanOrEqual(1);

    // Expected length from the segments as espeak-ng says them (rendered here, apart from the voice's cache).
    const segments = spokenAnnouncement("A001", 3).zh.segments;
    const sayingMs =
      segments.reduce((sum, s) => sum + espeakSpokenMs(s), 0) + ANNOUNCEMENT_GAPS.segmentMs * (segments.length - 1);
    const expectedMs = CHIME_MS + ANNOUNCEMENT_GAPS.afterChimeMs + 2 * sayingMs + ANNOUNCEMENT_GAPS.repeatMs;
    expect(wav.durationMs).toBeGreaterThanOrEqual(expectedMs * 0.8);
    expect(wav.durationMs).toBeLessThanOrEqual(expectedMs * 1.2);
    // Independently, a sanity band from the syllables: 请 A 零零一 号到 三 号窗口办理 = 13, each 0.12-0.7 s.
    const syllables = 13;
    expect(sayingMs).toBeGreaterThan(syllables * 120);
    expect(sayingMs).toBeLessThan(syllables * 700);

    // The chime first: sound from the start, at the chime's first note (E5, 659 Hz).
    const regions = soundRegions(wav, { bridgeMs: 100 });
    expect(regions[0]!.startMs).toBeLessThanOrEqual(20);
    expect(toneHz(wav, 20, CHIME_NOTE_MS - 20)).toBeCloseTo(659, -1);
    // Then two sayings, apart by the repeat gap, each about as long as expected, and loud.
    const afterChime = regions.filter((r) => r.startMs >= CHIME_MS + ANNOUNCEMENT_GAPS.afterChimeMs - 20);
    const sayings = groups(afterChime, ANNOUNCEMENT_GAPS.repeatMs - 100);
    expect(sayings).toHaveLength(2);
    for (const saying of sayings) {
      const from = saying[0]!.startMs;
      const to = saying.at(-1)!.endMs;
      expect(to - from).toBeGreaterThan(sayingMs * 0.8);
      expect(to - from).toBeLessThan(sayingMs * 1.2);
      expect(to - from).toBeGreaterThan(syllables * 120);
      expect(to - from).toBeLessThan(syllables * 700);
      const rate = wav.sampleRate / 1000;
      expect(rmsOf(wav.samples, Math.round(from * rate), Math.round(to * rate))).toBeGreaterThan(1000);
    }
    expect(sayings[1]![0]!.startMs - sayings[0]!.at(-1)!.endMs).toBeGreaterThanOrEqual(ANNOUNCEMENT_GAPS.repeatMs - 20);
  });

  it("when English is configured and repeat is 1, then one saying holds both lines, English after Mandarin", async () => {
    const voice = voiceWith({ languages: ["zh", "en"], repeat: 1, chime: false });
    await voice.start();
    await voice.ready();
    const wav = probeWav((await voice.announce("A001", 3)).wav);
    const spoken = spokenAnnouncement("A001", 3);
    const lineMs = (segs: typeof spoken.zh.segments) =>
      segs.reduce((sum, s) => sum + espeakSpokenMs(s), 0) + ANNOUNCEMENT_GAPS.segmentMs * (segs.length - 1);
    const expectedMs = lineMs(spoken.zh.segments) + ANNOUNCEMENT_GAPS.languageMs + lineMs(spoken.en.segments);
    expect(wav.durationMs).toBeGreaterThanOrEqual(expectedMs * 0.8);
    expect(wav.durationMs).toBeLessThanOrEqual(expectedMs * 1.2);
    // No chime: speech from the first frames.
    expect(soundRegions(wav)[0]!.startMs).toBeLessThanOrEqual(20);
  });

  it("when it starts, then espeak-ng runs once per segment and fills the disk cache; a second start runs it never, and calls never do", async () => {
    const vocabulary = voiceVocabulary(["zh"]);
    const first = voiceWith();
    await first.start();
    await first.ready();
    expect(espeak.runs()).toBe(vocabulary.length);
    const cached = readdirSync(join(dir, "data", "voice-cache"), { recursive: true }).filter((f) =>
      String(f).endsWith(".wav"),
    );
    expect(cached).toHaveLength(vocabulary.length);
    const before = await first.announce("A001", 3);

    const second = voiceWith();
    await second.start();
    await second.ready();
    expect(espeak.runs()).toBe(vocabulary.length);
    for (let i = 1; i <= 30; i++) await second.announce(`B${String(i).padStart(3, "0")}`, (i % 12) + 1);
    await second.announce("Z999", 105);
    expect(espeak.runs()).toBe(vocabulary.length);
    expect((await second.announce("A001", 3)).wav.equals(before.wav)).toBe(true);
  });

  it("when the hall stops while the voice is preparing, then no espeak-ng run starts after stop, and the next start renders only the rest", async () => {
    const vocabulary = voiceVocabulary(["zh"]);
    const first = voiceWith();
    await first.start();
    await first.stop();
    const runsByStop = espeak.runs();
    // At most the two runs already going when it stopped.
    expect(runsByStop).toBeLessThanOrEqual(2);
    expect(first.engine()).toBe("off");
    const second = voiceWith();
    await second.start();
    await second.ready();
    expect(second.engine()).toBe("espeak-ng");
    expect(espeak.runs()).toBe(vocabulary.length);
  });

  it("when espeak-ng is configured but cannot be run, then start fails naming the fix", async () => {
    const voice = voiceWith({}, join(dir, "no-such-espeak-ng"));
    const failure = await voice.start().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/voice\.engine.*cannot be run.*apt-get install espeak-ng/s);
  });

  it("when no engine is configured and espeak-ng cannot be run, then the voice is off and a call's audio is refused voice_unavailable", async () => {
    const voice = voiceWith({ engine: undefined }, join(dir, "no-such-espeak-ng"));
    await voice.start();
    expect(voice.engine()).toBe("off");
    const refusal = await voice.announce("A001", 3).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("voice_unavailable");
    expect((refusal as AppError).message).toContain("espeak-ng is not installed");
  });

  it("when espeak-ng fails while rendering, then the voice is off (the hall still serves) and says why", async () => {
    const voice = voiceWith({}, failingEspeak(dir));
    await voice.start();
    await voice.ready();
    expect(voice.engine()).toBe("off");
    const refusal = (await voice.announce("A001", 3).catch((e: unknown) => e)) as AppError;
    expect(refusal.code).toBe("voice_unavailable");
    expect(refusal.message).toContain("espeak-ng failed");
  });

  it('when the engine is "off", then a call\'s audio is refused voice_unavailable and espeak-ng never runs', async () => {
    const voice = voiceWith({ engine: "off" });
    await voice.start();
    expect(voice.engine()).toBe("off");
    expect(((await voice.announce("A001", 3).catch((e: unknown) => e)) as AppError).code).toBe("voice_unavailable");
    expect(espeak.runs()).toBe(0);
  });
});
