/**
 * The hall screen's running parts, wired together for the components:
 *
 *   /ws (hallSocket) --snapshot/events--> hallScreenState (pure) --> screen.state (reactive) --> the display
 *                    --ticket.called (live or replayed)--> announcement queue --> voicePlayer --> <audio> + caption
 *   GET /api/catalog --> item names for the waiting counts (again after a catalogue import)
 *   wake, back online, tab shown again --> reconnect now (resumes from the last seq)
 *
 * The token refused (close 4401, or 401) forgets it and sends the page back to pairing.
 */
import { reactive, shallowRef } from "vue";
import { createAnnouncementQueue, type Announcement } from "../../src/announcementQueue.ts";
import { startHallSocket, type HallSocket, type LinkState, type SocketLike } from "../../src/hallSocket.ts";
import { applyEvent, fromSnapshot, needsFreshSnapshot, type ScreenState } from "../../src/hallScreenState.ts";
import { detectSleep } from "../../src/sleepDetector.ts";
import { saveToken, savedToken } from "./screenToken.ts";
import { createVoicePlayer, type VoicePlayer } from "./voicePlayer.ts";

/** An item as the waiting counts name it. */
export interface ItemName {
  readonly name: string;
  readonly nameEn: string;
  readonly prefix: string;
}

/** Everything the components read besides the hall's state. */
export interface ScreenView {
  /** The paired token, or undefined: the pairing screen shows. */
  token: string | undefined;
  link: LinkState;
  /** The announcement being spoken now (its caption is on screen), or null. */
  speaking: Announcement | null;
  soundUnlocked: boolean;
  /** Item code -> name (GET /api/catalog). */
  items: Record<string, ItemName>;
  /** True once the hall refused the kept token: the pairing screen says why. */
  tokenRefused: boolean;
}

export const screen = reactive<ScreenView>({
  token: savedToken(),
  link: "connecting",
  speaking: null,
  soundUnlocked: false,
  items: {},
  tokenRefused: false,
});

/** The hall's state (replaced whole on every change: the reducer returns new objects). */
export const hall = shallowRef<ScreenState | undefined>(undefined);

let socket: HallSocket | undefined;
let player: VoicePlayer | undefined;
let queue: ReturnType<typeof createAnnouncementQueue> | undefined;
let stopWatching: (() => void) | undefined;

const authorized = (): HeadersInit => ({ authorization: `Bearer ${screen.token ?? ""}` });

/** Item names from the catalogue; a failure leaves the codes' old names (tried again on the next import). */
async function loadCatalog(): Promise<void> {
  try {
    const res = await fetch("/api/catalog", { headers: authorized() });
    if (!res.ok) return;
    const catalog = (await res.json()) as { items: { code: string; name: string; nameEn: string; prefix: string }[] };
    screen.items = Object.fromEntries(
      catalog.items.map((i) => [i.code, { name: i.name, nameEn: i.nameEn, prefix: i.prefix }]),
    );
  } catch {
    // Unreachable now: the socket's reconnect brings the screen back, and the names stay as they were.
  }
}

async function checkToken(): Promise<"valid" | "refused" | "unreachable"> {
  try {
    const res = await fetch("/api/catalog", { headers: authorized() });
    return res.status === 401 ? "refused" : "valid";
  } catch {
    return "unreachable";
  }
}

async function probe(): Promise<number | undefined> {
  try {
    const since = hall.value?.seq ?? 0;
    const res = await fetch(`/api/events?since=${since}`, { headers: authorized() });
    if (!res.ok) return undefined;
    return ((await res.json()) as { lastSeq: number }).lastSeq;
  } catch {
    return undefined;
  }
}

/** Reconnect at once after a sleep, when the network comes back, or when the screen's tab is shown again. */
function watchForWake(reconnect: () => void): () => void {
  const stopSleepWatch = detectSleep(reconnect);
  const onVisible = () => document.visibilityState === "visible" && reconnect();
  window.addEventListener("online", reconnect);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    stopSleepWatch();
    window.removeEventListener("online", reconnect);
    document.removeEventListener("visibilitychange", onVisible);
  };
}

/** The token no longer works: forget it and show the pairing screen. */
function tokenRefused(): void {
  stop();
  saveToken(undefined);
  screen.token = undefined;
  screen.tokenRefused = true;
  hall.value = undefined;
}

/** Start following the hall with the kept token, speaking through `audio`. */
export function start(audio: HTMLAudioElement): void {
  if (!screen.token || socket) return;
  player = createVoicePlayer({
    audio,
    token: () => screen.token,
    onUnlockedChange: (unlocked) => (screen.soundUnlocked = unlocked),
  });
  const speaker = player;
  queue = createAnnouncementQueue({
    speak: (a) => speaker.speak(a),
    onChange: (a) => (screen.speaking = a),
  });
  const announcements = queue;
  // Sound may be allowed without a click (a kiosk browser started with --autoplay-policy=no-user-gesture-required).
  void speaker.unlock();
  void loadCatalog();
  const wsBase = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
  socket = startHallSocket({
    url: (since) =>
      `${wsBase}?token=${encodeURIComponent(screen.token ?? "")}${since === undefined ? "" : `&since=${since}`}`,
    open: (url) => new WebSocket(url) as unknown as SocketLike,
    lastSeq: () => hall.value?.seq,
    onMessage: (m) => {
      if (m.type === "snapshot") {
        hall.value = fromSnapshot(m.snapshot);
        return;
      }
      const state = hall.value;
      if (!state) return;
      const next = applyEvent(state, m.event);
      hall.value = next;
      if (m.event.type === "ticket.called" && next !== state)
        announcements.push({ seq: m.event.seq, at: m.event.at, text: m.event.data.announcement });
      if (needsFreshSnapshot(m.event)) {
        void loadCatalog();
        // A fresh snapshot: reconnect as a new screen (no since) so windows and items are read anew.
        hall.value = undefined;
        socket?.reconnectNow();
      }
    },
    onRefused: tokenRefused,
    onState: (s) => (screen.link = s),
    checkToken,
    probe,
  });
  const link = socket;
  stopWatching = watchForWake(() => link.reconnectNow());
}

/** Stop following the hall (pairing again). */
export function stop(): void {
  socket?.stop();
  socket = undefined;
  stopWatching?.();
  stopWatching = undefined;
  queue = undefined;
  player = undefined;
}

/** A person pressed "enable sound": unlock audio inside their click. */
export function enableSound(): Promise<boolean> {
  return player?.unlock() ?? Promise.resolve(false);
}

/** Paired: keep the token and start. */
export function paired(token: string, audio: HTMLAudioElement): void {
  saveToken(token);
  screen.token = token;
  screen.tokenRefused = false;
  start(audio);
}
