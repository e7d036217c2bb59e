import type { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { buildProgram } from "./index.ts";
import { cli } from "./testing.ts";

// Each step spawns a process (about a second on a busy machine); the default 30 s is too tight for a whole flow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

/** Every command path of the program: ["init"], ["catalog", "import"], … */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((c) => [[...prefix, c.name()], ...commandPaths(c, [...prefix, c.name()])]);
}

describe("hall-server CLI: help and usage errors", () => {
  const paths = ["", ...commandPaths(buildProgram()).map((p) => p.join(" "))];

  it.each(paths)("when `hall-server %s --help` is asked, then it exits 0 with the options and an example", (path) => {
    const r = cli([...path.split(" ").filter(Boolean), "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: hall-server");
    expect(r.stdout).toContain("Options:");
    expect(r.stdout).toMatch(/Examples?:\n {2}\$ hall-server/);
  });

  it.each([
    [["start", "--bogus"], "unknown option '--bogus'"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [[], "no command given"],
    [["catalog"], "catalog needs a verb: import, export"],
    [["catalog", "frob"], 'catalog has no verb "frob"'],
    [["init"], "required option '--dir <dir>' not specified"],
    [["init", "--dir", "/tmp/x", "--demo", "--catalog", "c.json"], "exactly one of --demo or --catalog"],
    [["demo", "--port", "99999"], "--port must be an integer 0-65535 (flag)"],
    [["demo", "--port", "80abc"], "--port must be an integer 0-65535 (flag)"],
    [["start", "--host", ""], "--host must not be empty (flag)"],
    [
      ["status", "--config", "/nonexistent/config.json"],
      "no hall config at /nonexistent/config.json (flag --config, default ./config.json)",
    ],
  ])("when the flags are bad (%j), then exit 2 with one line naming the problem", (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
