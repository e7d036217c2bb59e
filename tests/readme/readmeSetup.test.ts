/**
 * README.md's "Set up a real hall" section, run as a newcomer would: every ```sh block of the section, in order, with
 * bash (`set -euo pipefail`) in one fresh temporary directory outside the checkout, `PORT` a free port, `ONEWINDOW`
 * the checkout. Each block must exit 0. Every block runs in its own process group, so any server a block left in the
 * background is killed afterwards whatever happened.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../hall-server/src/cli/testing.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SECTION = "### Set up a real hall";

/** The ```sh blocks of the README's set-up section, in order. */
export function setupBlocks(readme: string): string[] {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const rest = readme.slice(start + SECTION.length);
  const next = rest.search(/^#{1,3} /m);
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const blocks = setupBlocks(readFileSync(join(ROOT, "README.md"), "utf8"));

interface Outcome {
  code: number | null;
  output: string;
}

describe("README: set up a real hall", () => {
  let dir = "";
  let port = 0;
  const groups: number[] = [];

  function run(block: string): Promise<Outcome> {
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("ONEWINDOW_")),
    );
    Object.assign(env, {
      PORT: String(port),
      ONEWINDOW: ROOT,
      PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
    });
    const child = spawn("bash", ["-c", `set -euo pipefail\n${block}`], {
      cwd: dir,
      env,
      detached: true, // its own process group: servers started with & stay in it
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid !== undefined) groups.push(child.pid);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((done) => child.on("exit", (code) => done({ code, output })));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "onewindow-readme-"));
    port = await freePort();
  });

  afterAll(async () => {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      for (const group of groups) {
        try {
          process.kill(-group, signal);
        } catch {
          // the group has ended
        }
      }
      if (signal === "SIGTERM") await new Promise((r) => setTimeout(r, 1000));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("has the blocks a newcomer runs", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(blocks.join("\n")).toContain("$PORT");
  });

  blocks.forEach((block, i) => {
    const title = block.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
    it(`block ${i + 1} exits 0: ${title.slice(0, 60)}`, { timeout: 120_000 }, async () => {
      const { code, output } = await run(block);
      expect(code, `block ${i + 1} failed:\n${block}\n--- output ---\n${output}`).toBe(0);
    });
  });
});
