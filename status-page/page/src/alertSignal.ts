/**
 * The alert itself: three short beeps through WebAudio and a vibration pattern, where the phone allows them. A
 * browser lets a page make sound only after a tap, so `unlockSound` runs in the tap that chooses the alert.
 */
let audio: AudioContext | undefined;

/** Create (or resume) the audio context inside a user gesture; harmless where WebAudio is missing. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = undefined;
  }
}

/** Beep and vibrate now (each only where available and allowed). */
export function ring(): void {
  try {
    navigator.vibrate?.([300, 150, 300, 150, 300]);
  } catch {
    // Not allowed here (no user activation yet, or desktop): the visible notice still shows.
  }
  if (!audio || audio.state === "closed") return;
  const start = audio.currentTime + 0.05;
  for (let i = 0; i < 3; i++) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.25, start + i * 0.4);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.4 + 0.3);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.4);
    tone.stop(start + i * 0.4 + 0.3);
  }
}
