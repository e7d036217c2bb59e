/**
 * The demo's station agent as its own process (`station-agent --config <station.json>`), watched: when it dies
 * (a visitor's `kill -9` mid-print, a crash) it is started again after a moment, and the new agent finishes every
 * take the old one left open (printed, or voided: station-agent/src/take/takeFlow.ts). Its page address and secret
 * change with every launch, so each start is reported with its fragment.
 *
 *   spawn --stdout "page fragment #agent=...&secret=..."--> onStart({pid, fragment})
 *         --exit (not asked to)--> wait restartDelayMs --> spawn again
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

/** The agent's launcher (tsx runs its TypeScript directly, as for hall-server). */
export const AGENT_BIN = resolve(import.meta.dirname, "../../../station-agent/bin/station-agent.js");
/** The agent's one-shot "take a ticket" command, the README's and the banner's one-liner. */
export const TAKE_BIN = resolve(import.meta.dirname, "../../../station-agent/bin/take.js");

/** One launch of the agent. */
export interface AgentLaunch {
  readonly pid: number;
  /** "agent=ws%3A...&secret=...", for a page's URL fragment. */
  readonly fragment: string;
}

export interface AgentProcessOptions {
  readonly configPath: string;
  /** Every launch once the agent listens (the first one, and every restart). */
  readonly onStart?: (launch: AgentLaunch) => void;
  /** The agent's own output lines (its log) and the supervisor's notes. */
  readonly onLine?: (line: string) => void;
  /** Pause before a restart, ms (default 1000). */
  readonly restartDelayMs?: number;
  /** How long the first launch may take to listen, ms (default 20 000). */
  readonly startTimeoutMs?: number;
}

export interface AgentProcess {
  /** The launch now running, if any. */
  current(): AgentLaunch | undefined;
  /** SIGTERM the agent (SIGKILL after 5 s) and start it no more; idempotent. */
  stop(): Promise<void>;
}

const FRAGMENT = /^page fragment #(\S+)$/;

/** Start the agent and keep it running; resolves once the first launch listens, rejects if it never does. */
export function superviseAgent(options: AgentProcessOptions): Promise<AgentProcess> {
  const note = options.onLine ?? (() => undefined);
  let child: ChildProcess | undefined;
  let launch: AgentLaunch | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let output = "";

  return new Promise((resolveFirst, rejectFirst) => {
    let first = true;
    const firstTimeout = setTimeout(() => {
      if (!first) return;
      first = false;
      stopping = true;
      child?.kill("SIGKILL");
      rejectFirst(new Error(`the station agent did not start listening:\n${output.slice(-2000)}`));
    }, options.startTimeoutMs ?? 20_000);

    const start = (): void => {
      const started = spawn(process.execPath, [AGENT_BIN, "--config", options.configPath], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      const read = (stream: NodeJS.ReadableStream) =>
        createInterface({ input: stream }).on("line", (line) => {
          if (first) output += line + "\n";
          const fragment = FRAGMENT.exec(line)?.[1];
          if (fragment === undefined) return note(line);
          launch = { pid: started.pid!, fragment };
          options.onStart?.(launch);
          if (first) {
            first = false;
            clearTimeout(firstTimeout);
            resolveFirst(supervisor);
          }
        });
      read(started.stdout);
      read(started.stderr);
      started.once("exit", (code, signal) => {
        launch = undefined;
        if (stopping) return;
        if (first) {
          first = false;
          clearTimeout(firstTimeout);
          rejectFirst(
            new Error(`the station agent exited (${signal ?? code}) before listening:\n${output.slice(-2000)}`),
          );
          return;
        }
        note(
          `station agent (pid ${started.pid}) ended (${signal ?? `exit ${code}`}); starting it again: ` +
            "it finishes every take it left open (printed, or voided)",
        );
        restartTimer = setTimeout(start, options.restartDelayMs ?? 1000);
      });
    };

    const supervisor: AgentProcess = {
      current: () => launch,
      async stop() {
        stopping = true;
        clearTimeout(restartTimer);
        const running = child;
        if (!running || running.exitCode !== null || running.signalCode !== null) return;
        const exited = new Promise<void>((done) => running.once("exit", () => done()));
        running.kill("SIGTERM");
        const force = setTimeout(() => running.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(force);
      },
    };
    start();
  });
}
