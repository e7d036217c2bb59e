import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FALLBACK_FILES } from "@onewindow/station-shell";
import { afterAll, describe, expect, it } from "vitest";
import { buildCounterShell } from "./buildCounterShell.ts";

const out = mkdtempSync(join(tmpdir(), "onewindow-counter-build-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the counter shell build", () => {
  it("when built, then main.js bundles the workspace code and imports electron and npm packages at run time", async () => {
    await buildCounterShell(out);
    const main = readFileSync(join(out, "main.js"), "utf8");
    const imports = [...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toContain("electron");
    expect(imports).toContain("pino");
    expect(imports.filter((name) => name?.startsWith("@onewindow/"))).toEqual([]);
    expect(imports).not.toContain("esbuild");
    // The counter's own policies and the shared ones made it in (by their strings).
    expect(main).toContain("one display for both");
    expect(main).toContain("contextIsolation: true");
    expect(main).toContain("onewindow-shell");
  });

  it("when built, then the fallback folder holds exactly the files the protocol serves and says 暂停服务", () => {
    expect(readdirSync(join(out, "fallback")).sort()).toEqual(Object.keys(FALLBACK_FILES).sort());
    const html = readFileSync(join(out, "fallback/index.html"), "utf8");
    expect(html).toContain("<h1>暂停服务</h1>");
    expect(html).toContain('data-shell="counter"');
    expect(html).not.toContain("暂停取号");
  });
});
