import { spawn, type ChildProcess } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A pseudo-terminal pair made by socat: the host (driver) opens `hostPath`, the virtual device opens `devicePath`.
 * `unplug()` kills socat, which makes both links vanish, exactly like pulling a USB-serial adapter.
 */
export interface PtyPair {
  readonly hostPath: string;
  readonly devicePath: string;
  readonly dir: string;
  /** Kill socat; the links disappear and open ports see a disconnect. */
  unplug(): Promise<void>;
  /** Start socat again on the same paths (after unplug). */
  replug(): Promise<void>;
  /** Unplug and remove the temporary directory. */
  dispose(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function startSocat(hostPath: string, devicePath: string): Promise<ChildProcess> {
  const child = spawn("socat", [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let failure: Error | undefined;
  child.on("error", (error) => (failure = error));
  child.on("exit", (code) => (failure ??= new Error(`socat exited early with code ${String(code)}`)));
  for (let i = 0; i < 200; i++) {
    if (failure) throw new Error(`cannot start socat (is it installed?): ${failure.message}`);
    if ((await exists(hostPath)) && (await exists(devicePath))) return child;
    await sleep(10);
  }
  child.kill("SIGKILL");
  throw new Error("socat did not create its PTY links within 2 s");
}

async function stopSocat(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await exited;
}

/** Create a PTY pair in a fresh temporary directory (or in `dir`, with link names from `name`). */
export async function createPtyPair(options: { dir?: string; name?: string } = {}): Promise<PtyPair> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), "onewindow-pty-")));
  const name = options.name ?? "tty";
  const hostPath = join(dir, `${name}-host`);
  const devicePath = join(dir, `${name}-device`);
  let child: ChildProcess | undefined = await startSocat(hostPath, devicePath);
  return {
    hostPath,
    devicePath,
    dir,
    async unplug() {
      await stopSocat(child);
      child = undefined;
    },
    async replug() {
      if (child) return;
      child = await startSocat(hostPath, devicePath);
    },
    async dispose() {
      await stopSocat(child);
      child = undefined;
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
