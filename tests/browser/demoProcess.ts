/**
 * `hall-server demo` as a new user starts it, for the browser tests: in a fresh directory, on free ports, its banner
 * read for the URLs and commands it prints. Stopped with SIGTERM, which also stops its devices and station agent.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const cli = resolve(import.meta.dirname, "../../hall-server/bin/hall-server.js");
const BANNER = /={78}\n([^]*?)={78}\n/;

export interface DemoProcess {
  readonly child: ChildProcess;
  readonly dir: string;
  /** The whole banner, as printed. */
  readonly banner: string;
  readonly hallUrl: string;
  readonly panelUrl: string;
  /** Output so far (for failure messages). */
  output(): string;
  stop(): Promise<number | null>;
}

/** Everything printed after `label` on its banner line (labels are the banner's left column). */
export function bannerLine(banner: string, label: string): string {
  const line = banner.split("\n").find((l) => l.startsWith(`  ${label} `));
  if (!line) throw new Error(`the demo banner has no "${label}" line:\n${banner}`);
  return line.slice(label.length + 2).trim();
}

/** The first word after `label` on its banner line (a URL, a pid). */
export function bannerValue(banner: string, label: string): string {
  return bannerLine(banner, label).split(/\s+/)[0]!;
}

/**
 * Start the demo with its hall in `timeZone` (IANA; the browser tests' `middayZone()`) and resolve once its banner is
 * printed. The demo creates its hall in the config's default zone and takes no zone on its command line: it is
 * started once as a new user starts it (creating the hall and pairing its devices in a fresh directory), stopped, and
 * started again on the same directory with config.json's `timeZone` set. Rejects if the first run does not exit 0.
 */
export async function startDemo(timeZone: string, env: Record<string, string> = {}): Promise<DemoProcess> {
  const dir = join(mkdtempSync(join(tmpdir(), "onewindow-demo-")), "demo");
  const first = await runDemo(dir, env);
  const code = await first.stop();
  if (code !== 0) throw new Error(`the demo's first run exited with ${String(code)}:\n${first.output()}`);
  const configPath = join(dir, "config.json");
  const config = JSON.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>;
  writeFileSync(configPath, JSON.stringify({ ...config, timeZone }, null, 2) + "\n");
  return runDemo(dir, env);
}

/** Run `hall-server demo` on `dir` and resolve once its banner is printed. */
function runDemo(dir: string, env: Record<string, string>): Promise<DemoProcess> {
  const child = spawn(process.execPath, [cli, "demo", "--dir", dir, "--port", "0", "--panel-port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ONEWINDOW_LOG_LEVEL: "warn", ...env },
  });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return new Promise((resolveDemo, reject) => {
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const banner = BANNER.exec(out)?.[0];
      if (!banner) return;
      resolveDemo({
        child,
        dir,
        banner,
        hallUrl: bannerValue(banner, "answering on"),
        panelUrl: bannerValue(banner, "hardware"),
        output: () => out + err,
        stop: () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`the demo exited (${code}) before its banner:\n${out}\n${err}`)));
  });
}
