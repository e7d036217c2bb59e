import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FALLBACK_VARIANTS, FALLBACK_WORDS } from "../fallback/fallbackWords.ts";
import { FALLBACK_FILES } from "../policy/fallbackAssets.ts";
import { buildFallbackPage } from "./buildShellApp.ts";

const out = mkdtempSync(join(tmpdir(), "onewindow-fallback-build-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the fallback page build", () => {
  it.each(FALLBACK_VARIANTS)(
    "when built for the %s shell, then the folder holds exactly the served files, in its words, and the script has no imports",
    async (variant) => {
      const dir = join(out, variant);
      await buildFallbackPage(dir, variant);
      expect(readdirSync(dir).sort()).toEqual(Object.keys(FALLBACK_FILES).sort());
      expect(readFileSync(join(dir, "index.html"), "utf8")).toContain(`<h1>${FALLBACK_WORDS[variant].title[0]}</h1>`);
      const script = readFileSync(join(dir, "fallback.js"), "utf8");
      expect(script).not.toMatch(/\bimport\b|\brequire\(/);
      // Small enough to be "a small script": no zod or contract code pulled into the page.
      expect(script.length).toBeLessThan(8000);
    },
  );
});
