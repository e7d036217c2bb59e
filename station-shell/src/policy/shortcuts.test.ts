import { describe, expect, it } from "vitest";
import { isBlockedShortcut, type KeyInput } from "./shortcuts.ts";

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: "keyDown",
  key: k,
  control: false,
  alt: false,
  meta: false,
  ...mods,
});

describe("keys a locked screen (kiosk, window screen) swallows", () => {
  it.each([
    ["Alt+F4 (close)", key("F4", { alt: true })],
    ["Ctrl+W (close)", key("w", { control: true })],
    ["Ctrl+Q (quit)", key("q", { control: true })],
    ["Ctrl+R (reload)", key("r", { control: true })],
    ["Ctrl+Shift+I (devtools)", key("I", { control: true })],
    ["Ctrl+= (zoom)", key("=", { control: true })],
    ["Ctrl+P (print dialog)", key("p", { control: true })],
    ["Alt+ArrowLeft (back)", key("ArrowLeft", { alt: true })],
    ["Cmd+Q", key("q", { meta: true })],
    ["F5", key("F5")],
    ["F11 (leave fullscreen)", key("F11")],
    ["F12", key("F12")],
    ["BrowserBack", key("BrowserBack")],
    ["the same as rawKeyDown", { ...key("F12"), type: "rawKeyDown" }],
  ])("when %s is pressed, then it is dropped", (_what, input) => {
    expect(isBlockedShortcut(input)).toBe(true);
  });

  it.each([
    ["a digit from a wedge scanner", key("7")],
    ["a capital letter (Shift)", key("A")],
    ["Enter ending a scan", key("Enter")],
    ["Backspace on the touch keyboard", key("Backspace")],
    ["a Chinese IME composition key", key("Process")],
    ["the F key itself", key("F")],
    ["a key-up of Alt+F4", { ...key("F4", { alt: true }), type: "keyUp" }],
  ])("when %s arrives, then it passes to the page", (_what, input) => {
    expect(isBlockedShortcut(input)).toBe(false);
  });
});
