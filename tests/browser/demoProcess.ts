/**
 * `hall-server demo` as a new user starts it, for the browser tests: in a fresh directory, on free ports, its banner
 * read for the URLs and commands it prints. Stopped with SIGTERM, which also stops its devices and station agent.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
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

/** Start the demo and resolve once its banner is printed. */
export function startDemo(env: Record<string, string> = {}): Promise<DemoProcess> {
  const dir = join(mkdtempSync(join(tmpdir(), "onewindow-demo-")), "demo");
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
