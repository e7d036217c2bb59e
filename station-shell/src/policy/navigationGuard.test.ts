import { describe, expect, it } from "vitest";
import { NEW_WINDOW_DENIED, navigationVerdict } from "./navigationGuard.ts";
import { PAGE_PERMISSIONS, permissionGranted } from "./permissions.ts";

const base = "http://192.168.1.10:8080/kiosk";

describe("where a shell window may navigate (the kiosk page as its page)", () => {
  it.each([
    ["http://192.168.1.10:8080/kiosk", "page"],
    ["http://192.168.1.10:8080/kiosk#agent=ws%3A%2F%2F127.0.0.1%3A1%2F&secret=x", "page"],
    ["http://192.168.1.10:8080/kiosk/", "page"],
    ["http://192.168.1.10:8080/kiosk?lang=en", "page"],
    ["onewindow-shell://fallback/index.html#return=x", "fallback"],
  ])("when the target is %s, then it is %s", (target, verdict) => {
    expect(navigationVerdict(target, base)).toBe(verdict);
  });

  it.each([
    ["another path on the hall-server", "http://192.168.1.10:8080/admin"],
    ["a path that only starts like the kiosk page", "http://192.168.1.10:8080/kiosk-admin"],
    ["a page below the kiosk path", "http://192.168.1.10:8080/kiosk/../admin"],
    ["the hall-server's API", "http://192.168.1.10:8080/api/catalog"],
    ["another port", "http://192.168.1.10:8081/kiosk"],
    ["https instead of http", "https://192.168.1.10:8080/kiosk"],
    ["another host", "http://evil.example/kiosk"],
    ["credentials in the URL", "http://user:pw@192.168.1.10:8080/kiosk"],
    ["the station agent's pairing page", "http://127.0.0.1:41234/"],
    ["a file", "file:///etc/passwd"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<h1>hi</h1>"],
    ["another fallback file", "onewindow-shell://fallback/fallback.js"],
    ["another host of the shell scheme", "onewindow-shell://other/index.html"],
    ["the fallback page with a query", "onewindow-shell://fallback/index.html?x=1"],
    ["not a URL", "page"],
  ])("when the target is %s, then it is refused", (_what, target) => {
    expect(navigationVerdict(target, base)).toBe("refused");
  });

  it("when the kiosk path is configured with a trailing slash, then both spellings are the kiosk page", () => {
    expect(navigationVerdict("http://h:1/kiosk", "http://h:1/kiosk/")).toBe("page");
    expect(navigationVerdict("http://h:1/kiosk/", "http://h:1/kiosk/")).toBe("page");
  });

  it("when the window's page is a counter's window screen, then only that window number's page is its page", () => {
    const windowScreen = "http://192.168.1.10:8080/window/2";
    expect(navigationVerdict(`${windowScreen}#agent=x&secret=y`, windowScreen)).toBe("page");
    expect(navigationVerdict("http://192.168.1.10:8080/window/3", windowScreen)).toBe("refused");
    expect(navigationVerdict("http://192.168.1.10:8080/window/22", windowScreen)).toBe("refused");
    expect(navigationVerdict("http://192.168.1.10:8080/counter", windowScreen)).toBe("refused");
  });

  it("when a page asks for a new window, then the answer is deny", () => {
    expect(NEW_WINDOW_DENIED).toEqual({ action: "deny" });
    expect(Object.isFrozen(NEW_WINDOW_DENIED)).toBe(true);
  });
});

describe("which permissions a shell's page gets", () => {
  it.each([
    "media",
    "geolocation",
    "notifications",
    "clipboard-read",
    "hid",
    "serial",
    "usb",
    "fullscreen",
    "openExternal",
  ])("when the kiosk page asks for %s, then it is refused (the page needs none)", (permission) => {
    expect(permissionGranted(permission, base, [base])).toBe(false);
  });

  it("when a permission is ever listed, then only the kiosk page gets it, never another origin", () => {
    const listed = PAGE_PERMISSIONS as Set<string>;
    listed.add("speaker-selection");
    try {
      expect(permissionGranted("speaker-selection", base, [base])).toBe(true);
      expect(permissionGranted("speaker-selection", "http://evil.example/kiosk", [base])).toBe(false);
      expect(permissionGranted("speaker-selection", base, [])).toBe(false);
    } finally {
      listed.delete("speaker-selection");
    }
  });
});

describe("the station agent's pairing page", () => {
  const pairing = "http://127.0.0.1:41234/";

  it("when the station is not paired, then its pairing page (and only that page of the agent) may be shown", () => {
    expect(navigationVerdict("http://127.0.0.1:41234/", base, pairing)).toBe("pairing");
    expect(navigationVerdict("http://127.0.0.1:41234/pair", base, pairing)).toBe("refused");
    expect(navigationVerdict("http://127.0.0.1:41234/?x=1", base, pairing)).toBe("refused");
    expect(navigationVerdict("http://127.0.0.1:41235/", base, pairing)).toBe("refused");
    expect(navigationVerdict(base, base, pairing)).toBe("page");
  });

  it("when the station is paired (no pairing page given), then the agent's page is refused", () => {
    expect(navigationVerdict("http://127.0.0.1:41234/", base)).toBe("refused");
  });
});
