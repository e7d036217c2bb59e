/**
 * Keys a locked screen (the kiosk window, the counter's citizen-facing window screen) swallows before the page sees
 * them (`before-input-event`): every combination with Ctrl,
 * Alt or Meta (close, quit, reload, zoom, print, devtools, back), the function keys (F5 reload, F11 leaves
 * fullscreen, F12 devtools) and the browser keys of some keyboards. Plain keys, Shift and Enter pass: the touch
 * keyboard and a keyboard-wedge barcode scanner type only those (contract/src/wedge.ts).
 */

/** The fields of Electron's `Input` this decision reads. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
}

/** Whether a locked screen drops `input` instead of passing it to the page. */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== "keyDown" && input.type !== "rawKeyDown") return false;
  if (input.control || input.alt || input.meta) return true;
  return /^F\d{1,2}$/.test(input.key) || input.key.startsWith("Browser");
}
