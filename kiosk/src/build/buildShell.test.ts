import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FALLBACK_FILES } from "@onewindow/station-shell";
import { buildShell } from "./buildShell.ts";

const out = mkdtempSync(join(tmpdir(), "onewindow-kiosk-build-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the kiosk shell build", () => {
  it("when built, then main.js bundles the workspace code and imports electron and npm packages at run time", async () => {
    await buildShell(out);
    const main = readFileSync(join(out, "main.js"), "utf8");
    const imports = [...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toContain("electron");
    expect(imports).toContain("pino");
    expect(imports.filter((name) => name?.startsWith("@onewindow/"))).toEqual([]);
    expect(imports).not.toContain("esbuild");
    // The policy code made it in (the window options and the navigation guard, by their strings).
    expect(main).toContain("contextIsolation: true");
    expect(main).toContain("onewindow-shell");
  });

  it("when built, then the fallback folder holds exactly the files the protocol serves, says 暂停取号, and its script has no imports", () => {
    expect(readdirSync(join(out, "fallback")).sort()).toEqual(Object.keys(FALLBACK_FILES).sort());
    expect(readFileSync(join(out, "fallback/index.html"), "utf8")).toContain("<h1>暂停取号</h1>");
    const script = readFileSync(join(out, "fallback/fallback.js"), "utf8");
    expect(script).not.toMatch(/\bimport\b|\brequire\(/);
    // Small enough to be "a small script": no zod or contract code pulled into the page.
    expect(script.length).toBeLessThan(8000);
  });
});
