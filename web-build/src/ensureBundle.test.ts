import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureBundle, isCurrent, type BundleInputs } from "./ensureBundle.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A one-file page (no Vue needed to test when a build runs) in a fresh directory. */
function tinyPage(): BundleInputs & { main: string } {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-page-"));
  dirs.push(dir);
  const root = join(dir, "page");
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "index.html"), '<!doctype html><script type="module" src="./src/main.ts"></script>');
  const main = join(root, "src", "main.ts");
  writeFileSync(main, 'document.title = "first";\n');
  return { name: "tiny", root, outDir: join(dir, "dist"), sources: [root], main };
}

const bundleText = (outDir: string) =>
  readdirSync(join(outDir, "assets"))
    .map((f) => readFileSync(join(outDir, "assets", f), "utf8"))
    .join("");

describe("ensureBundle", () => {
  it("when the bundle is missing, then it builds; when nothing changed, then it does not build again", async () => {
    const page = tinyPage();
    const first = await ensureBundle(page);
    expect(first.built).toBe(true);
    expect(bundleText(page.outDir)).toContain("first");
    expect(isCurrent(page.outDir, first.hash)).toBe(true);
    const second = await ensureBundle(page);
    expect(second).toMatchObject({ built: false, hash: first.hash });
  });

  it("when a source changes, then it rebuilds with the change", async () => {
    const page = tinyPage();
    const first = await ensureBundle(page);
    writeFileSync(page.main, 'document.title = "second";\n');
    const second = await ensureBundle(page);
    expect(second.built).toBe(true);
    expect(second.hash).not.toBe(first.hash);
    expect(bundleText(page.outDir)).toContain("second");
  });

  it("when the bundle was tampered with (stamp removed), then it is rebuilt", async () => {
    const page = tinyPage();
    await ensureBundle(page);
    rmSync(join(page.outDir, ".source-hash"));
    expect((await ensureBundle(page)).built).toBe(true);
  });

  it("when a build fails, then it rejects with the compiler's message and the old bundle stays whole", async () => {
    const page = tinyPage();
    await ensureBundle(page);
    writeFileSync(page.main, "document.title = ;\n");
    await expect(ensureBundle(page)).rejects.toThrow(/main\.ts/);
    expect(bundleText(page.outDir)).toContain("first");
    expect(readdirSync(join(page.outDir, "..")).filter((f) => f.includes("-building-"))).toEqual([]);
    expect(existsSync(join(page.outDir, "index.html"))).toBe(true);
  });

  it("when two builds of one page race, then both end with the same complete bundle", async () => {
    const page = tinyPage();
    const [a, b] = await Promise.all([ensureBundle(page), ensureBundle(page)]);
    expect(a.hash).toBe(b.hash);
    expect(isCurrent(page.outDir, a.hash)).toBe(true);
    expect(bundleText(page.outDir)).toContain("first");
  });
});
