/**
 * Keys the staff console drops before its page sees them (`before-input-event`). The console is a desk window whose
 * page has a keyboard shortcut for every action (issue 11), so unlike a locked screen (station-shell shortcuts.ts:
 * the window screen's rule) it passes nearly everything: letters, digits, F1-F4 and F6-F11, Ctrl/Alt combinations.
 * Dropped are only the keys that would leave or reset the page or open the browser's insides: reload (F5, Ctrl+R,
 * Ctrl+Shift+R), history (Alt+Left/Right, the browser keys), developer tools (F12, Ctrl+Shift+I/J/C), view source,
 * print, save, open, find-in-page bars, and closing or quitting (Ctrl+W, Ctrl+Q: a close request goes through
 * closeRule.ts instead).
 */
import type { KeyInput } from "@onewindow/station-shell";

/** The console's key input: station-shell's KeyInput plus Shift (which tells Ctrl+Shift+I from Ctrl+I). */
export interface ConsoleKeyInput extends KeyInput {
  readonly shift: boolean;
}

/** Ctrl (or Cmd) + these letters are dropped, with or without Shift. */
const CONTROL_LETTERS = new Set(["r", "w", "q", "p", "s", "o", "u"]);
/** Ctrl (or Cmd) + Shift + these letters are dropped (developer tools, inspect). */
const CONTROL_SHIFT_LETTERS = new Set(["i", "j", "c"]);

/** Whether the console drops `input` instead of passing it to the page. */
export function isBlockedConsoleKey(input: ConsoleKeyInput): boolean {
  if (input.type !== "keyDown" && input.type !== "rawKeyDown") return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (key === "F5" || key === "F12" || key.startsWith("Browser")) return true;
  if (input.alt && (key === "ArrowLeft" || key === "ArrowRight")) return true;
  const command = input.control || input.meta;
  if (command && CONTROL_LETTERS.has(key)) return true;
  return command && input.shift && CONTROL_SHIFT_LETTERS.has(key);
}
