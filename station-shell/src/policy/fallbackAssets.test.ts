import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FALLBACK_FILES, fallbackFileFor } from "./fallbackAssets.ts";

describe("what the onewindow-shell://fallback protocol serves", () => {
  it.each([
    ["onewindow-shell://fallback/index.html", "index.html", "text/html; charset=utf-8"],
    ["onewindow-shell://fallback/fallback.css", "fallback.css", "text/css; charset=utf-8"],
    ["onewindow-shell://fallback/fallback.js?v=1", "fallback.js", "text/javascript; charset=utf-8"],
    ["onewindow-shell://fallback/index.html#return=x", "index.html", "text/html; charset=utf-8"],
  ])("when %s is asked for, then it serves %s as %s", (url, file, contentType) => {
    expect(fallbackFileFor(url)).toEqual({ file, contentType });
  });

  it.each([
    "onewindow-shell://fallback/",
    "onewindow-shell://fallback/../../etc/passwd",
    "onewindow-shell://fallback/%2e%2e/%2e%2e/etc/passwd",
    "onewindow-shell://fallback/..%2Fmain.js",
    "onewindow-shell://fallback/main.js",
    "onewindow-shell://fallback/constructor",
    "onewindow-shell://fallback/toString",
    "onewindow-shell://other/index.html",
    "http://fallback/index.html",
    "not a url",
  ])("when %s is asked for, then nothing is served", (url) => {
    expect(fallbackFileFor(url)).toBeUndefined();
  });

  it("when the bundle's static files are listed, then each exists in station-shell/fallback (the script is built)", () => {
    const dir = join(import.meta.dirname, "../../fallback");
    for (const file of Object.keys(FALLBACK_FILES).filter((name) => name !== "fallback.js"))
      expect(existsSync(join(dir, file)), file).toBe(true);
  });
});
