import { isBlockedShortcut } from "@onewindow/station-shell";
import { describe, expect, it } from "vitest";
import { isBlockedConsoleKey, type ConsoleKeyInput } from "./consoleKeys.ts";

const key = (k: string, mods: Partial<ConsoleKeyInput> = {}): ConsoleKeyInput => ({
  type: "keyDown",
  key: k,
  control: false,
  alt: false,
  meta: false,
  shift: false,
  ...mods,
});

describe("keys the staff console drops", () => {
  it.each([
    ["F5 (reload)", key("F5")],
    ["Ctrl+R (reload)", key("r", { control: true })],
    ["Ctrl+Shift+R (hard reload)", key("R", { control: true, shift: true })],
    ["F12 (devtools)", key("F12")],
    ["Ctrl+Shift+I (devtools)", key("I", { control: true, shift: true })],
    ["Ctrl+Shift+J (console)", key("J", { control: true, shift: true })],
    ["Ctrl+Shift+C (inspect)", key("C", { control: true, shift: true })],
    ["Ctrl+W (close)", key("w", { control: true })],
    ["Ctrl+Q (quit)", key("q", { control: true })],
    ["Cmd+Q", key("q", { meta: true })],
    ["Ctrl+P (print dialog)", key("p", { control: true })],
    ["Ctrl+S (save page)", key("s", { control: true })],
    ["Ctrl+U (view source)", key("u", { control: true })],
    ["Alt+ArrowLeft (back)", key("ArrowLeft", { alt: true })],
    ["Alt+ArrowRight (forward)", key("ArrowRight", { alt: true })],
    ["BrowserBack", key("BrowserBack")],
    ["BrowserRefresh", key("BrowserRefresh")],
  ])("when %s is pressed, then it is dropped", (_what, input) => {
    expect(isBlockedConsoleKey(input)).toBe(true);
  });

  it.each([
    ["F1 (a console shortcut)", key("F1")],
    ["F2", key("F2")],
    ["F8", key("F8")],
    ["F11", key("F11")],
    ["Ctrl+Enter (call next)", key("Enter", { control: true })],
    ["Alt+N (a console shortcut)", key("n", { alt: true })],
    ["Ctrl+1", key("1", { control: true })],
    ["Ctrl+I without Shift", key("i", { control: true })],
    ["Ctrl+C (copy a note)", key("c", { control: true })],
    ["Ctrl+V (paste a note)", key("v", { control: true })],
    ["Ctrl+= (zoom, a desk reader's right)", key("=", { control: true })],
    ["a digit typed into the PIN field", key("7")],
    ["Enter", key("Enter")],
    ["Escape (close a dialog)", key("Escape")],
    ["ArrowLeft without Alt", key("ArrowLeft")],
    ["a key-up of F5", { ...key("F5"), type: "keyUp" }],
  ])("when %s arrives, then it passes to the page", (_what, input) => {
    expect(isBlockedConsoleKey(input)).toBe(false);
  });

  it("when any Alt+letter chord is pressed, then the page gets it (the console's commands are Alt+letter chords)", () => {
    const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i));
    const dropped = letters.filter((letter) => isBlockedConsoleKey(key(letter, { alt: true })));
    expect(dropped).toEqual([]);
  });

  it("when the same shortcuts reach the window screen, then its locked rule drops them (it has no keyboard use)", () => {
    expect(isBlockedShortcut(key("F1"))).toBe(true);
    expect(isBlockedShortcut(key("n", { alt: true }))).toBe(true);
  });
});
