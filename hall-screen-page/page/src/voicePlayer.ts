/**
 * How the hall screen speaks one announcement (the announcement queue calls `speak` for one at a time):
 *
 *   sound locked (nobody pressed "enable sound")  -> text only: the caption stays up for TEXT_ONLY_MS
 *   GET /api/voice/announcements/:seq  200 wav    -> the page's <audio> plays it (as a data: URL, which the pages'
 *                                                    CSP allows for media), resolves on "ended"
 *                                      503       -> voice_unavailable: the browser's own voice (speechSynthesis)
 *                                                    when it has a Chinese one, else text only
 *                                      other     -> text only
 *
 * Every path resolves (never rejects for a playback problem), and each has a ceiling, so a stuck audio device can
 * never stop the queue.
 */
import type { Announcement } from "../../src/announcementQueue.ts";

/** How long a caption stays up when nothing is heard (time to read it twice). */
export const TEXT_ONLY_MS = 6000;
/** Beyond the announced duration, how long to wait for "ended" before moving on. */
const ENDED_GRACE_MS = 5000;
/** Ceiling when the server gave no duration. */
const DEFAULT_CEILING_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A WAV of 0.1 s of silence (8 kHz, 8-bit mono): played once to learn whether the browser lets the page play sound. */
export function silentWav(): string {
  const samples = 800;
  const bytes = new Uint8Array(44 + samples);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 8000, true); // sample rate
  view.setUint32(28, 8000, true); // byte rate
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, samples, true);
  bytes.fill(128, 44); // 8-bit PCM silence is the midpoint
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:audio/wav;base64,${btoa(binary)}`;
}

/** `blob` as a data: URL. */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("could not read the audio"));
    reader.readAsDataURL(blob);
  });
}

/** A Chinese voice of the browser's own speech synthesis, or undefined (none installed, or no speechSynthesis). */
async function chineseVoice(): Promise<SpeechSynthesisVoice | undefined> {
  if (typeof speechSynthesis === "undefined") return undefined;
  const find = () => speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace("_", "-").startsWith("zh"));
  if (speechSynthesis.getVoices().length > 0) return find();
  // Chromium loads its voice list asynchronously; an empty list may only mean "not yet".
  await Promise.race([
    new Promise((r) => speechSynthesis.addEventListener("voiceschanged", r, { once: true })),
    sleep(1000),
  ]);
  return find();
}

export interface VoicePlayer {
  /** Speak `announcement` (see the file's comment); resolves when it is over. */
  speak(announcement: Announcement): Promise<void>;
  /** Whether the browser lets the page play sound now. */
  readonly unlocked: boolean;
  /** Try to unlock sound: plays a moment of silence (call it from a click to pass the autoplay policy). */
  unlock(): Promise<boolean>;
}

/**
 * A player on `audio` (the page's one <audio> element: one element, so two announcements can never sound at once),
 * asking the hall for the audio with `token()`. `onUnlockedChange` follows the autoplay verdict; `onTokenRefused` is
 * told when the hall answers 401 (the socket then ends the session too).
 */
export function createVoicePlayer(options: {
  readonly audio: HTMLAudioElement;
  readonly token: () => string | undefined;
  readonly onUnlockedChange: (unlocked: boolean) => void;
}): VoicePlayer {
  const { audio } = options;
  let unlocked = false;
  const setUnlocked = (value: boolean) => {
    if (unlocked === value) return;
    unlocked = value;
    options.onUnlockedChange(value);
  };

  /** Play `src` on the element; resolves on "ended", an error, or `ceilingMs`; false when playback was refused. */
  function play(src: string, ceilingMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (played: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(ceiling);
        audio.removeEventListener("ended", onEnded);
        audio.removeEventListener("error", onError);
        resolve(played);
      };
      const onEnded = () => done(true);
      const onError = () => done(false);
      const ceiling = setTimeout(() => {
        audio.pause();
        done(true);
      }, ceilingMs);
      audio.addEventListener("ended", onEnded);
      audio.addEventListener("error", onError);
      audio.src = src;
      audio.play().then(
        () => setUnlocked(true),
        (error: unknown) => {
          // NotAllowedError: the autoplay policy; the "enable sound" button comes back.
          if ((error as { name?: string }).name === "NotAllowedError") setUnlocked(false);
          done(false);
        },
      );
    });
  }

  async function browserVoice(text: string): Promise<boolean> {
    const voice = await chineseVoice();
    if (!voice) return false;
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      const ceiling = setTimeout(() => resolve(true), DEFAULT_CEILING_MS);
      utterance.onend = () => (clearTimeout(ceiling), resolve(true));
      utterance.onerror = () => (clearTimeout(ceiling), resolve(false));
      speechSynthesis.speak(utterance);
    });
  }

  async function speakAloud(a: Announcement): Promise<boolean> {
    const token = options.token();
    if (!token) return false;
    let res: Response;
    try {
      res = await fetch(`/api/voice/announcements/${a.seq}`, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      return false;
    }
    if (res.status === 503) return browserVoice(a.text.zh);
    if (!res.ok || !(res.headers.get("content-type") ?? "").startsWith("audio/")) return false;
    const durationMs = Number(res.headers.get("x-announcement-duration-ms"));
    const ceiling = Number.isFinite(durationMs) && durationMs > 0 ? durationMs + ENDED_GRACE_MS : DEFAULT_CEILING_MS;
    return play(await dataUrl(await res.blob()), ceiling);
  }

  return {
    async speak(a) {
      const started = Date.now();
      const heard = unlocked && (await speakAloud(a).catch(() => false));
      // Text only (or a failed playback): the caption still stays up long enough to read.
      if (!heard) await sleep(Math.max(0, TEXT_ONLY_MS - (Date.now() - started)));
    },
    get unlocked() {
      return unlocked;
    },
    async unlock() {
      await play(silentWav(), 2000);
      return unlocked;
    },
  };
}
