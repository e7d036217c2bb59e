/**
 * The virtual hall's command channel: commands in, one a line, and one JSON reply line out for each, in order.
 *
 *   input --readline--> line (blank lines skipped) --HallCommandExecutor.run--> HallReply --JSON--> write(line)
 *
 * Ends after the reply to `quit`, or when the input ends (EOF) and every reply is written; lines after `quit` are
 * not read.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { HallCommandExecutor, HallReply } from "./hallCommandExecutor.ts";

/** How the channel ended: the `quit` command, or the end of the input. */
export type HallConsoleEnd = "quit" | "eof";

/** Serve commands from `input` until `quit` or EOF; `write` receives each reply as one JSON line (no newline). */
export function serveHallCommands(
  input: Readable,
  executor: Pick<HallCommandExecutor, "run">,
  write: (line: string) => void,
): Promise<HallConsoleEnd> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let answered: Promise<unknown> = Promise.resolve();
  let quitting = false;
  return new Promise((resolve) => {
    lines.on("line", (line) => {
      if (quitting || line.trim() === "") return;
      // The executor runs commands in arrival order, so these replies resolve (and are written) in that order too.
      answered = executor.run(line).then((reply) => {
        write(formatReply(reply));
        if (reply.ok && reply.reply === "quit") {
          lines.close();
          resolve("quit");
        }
      });
      if (line.trim().toLowerCase() === "quit") quitting = true;
    });
    lines.once("close", () => void answered.then(() => resolve("eof")));
  });
}

/** One reply as a JSON line whose first key is `reply`, so readers tell replies from ticket lines by the prefix. */
export function formatReply(reply: HallReply): string {
  const { reply: verb, ...rest } = reply;
  return JSON.stringify({ reply: verb, ...rest });
}
