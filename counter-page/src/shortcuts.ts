/**
 * The console's keyboard: one Alt+letter chord per command, shown on its button. Alt chords never type into the PIN,
 * note or ticket fields, so they work wherever the focus is. Letters the browser keeps for itself (Alt+F and Alt+E
 * open Chromium's menu, Alt+D its address bar) are never used. Keys are matched by `KeyboardEvent.code` (the key's
 * place), so a Chinese input method or another layout still gives the same chord. Pure: tested in Node.
 */

/** Every command of the console: the agent's desk actions, plus signing out and switching the language. */
export const CONSOLE_COMMANDS = [
  "callNext",
  "call",
  "recall",
  "start",
  "noShow",
  "reactivate",
  "transfer",
  "finish",
  "hold",
  "unhold",
  "pause",
  "resume",
  "cancel",
  "issueForCitizen",
  "reprint",
  "signOut",
  "language",
] as const;
export type ConsoleCommand = (typeof CONSOLE_COMMANDS)[number];

/** The letter of each command's Alt chord. */
const LETTERS: Record<ConsoleCommand, string> = {
  callNext: "N",
  call: "C",
  recall: "R",
  start: "S",
  noShow: "K",
  reactivate: "A",
  transfer: "T",
  finish: "W",
  hold: "H",
  unhold: "U",
  pause: "P",
  resume: "G",
  cancel: "X",
  issueForCitizen: "I",
  reprint: "Y",
  signOut: "Q",
  language: "L",
};

/** Letters the browser takes before the page sees them (Chromium's menu and address bar). */
export const BROWSER_ALT_LETTERS = ["F", "E", "D"] as const;

/** How a command's chord is written on its button, e.g. "Alt+N". */
export function shortcutLabel(command: ConsoleCommand): string {
  return `Alt+${LETTERS[command]}`;
}

/** The parts of a keydown the console reads. */
export interface ChordEvent {
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

const BY_CODE = new Map(
  (Object.entries(LETTERS) as [ConsoleCommand, string][]).map(([command, letter]) => [`Key${letter}`, command]),
);

/** The command a keydown asks for: Alt plus a command's letter and no other modifier; undefined for anything else. */
export function commandOfKey(event: ChordEvent): ConsoleCommand | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  return BY_CODE.get(event.code);
}
