/** Asking a person at a terminal for a secret (password, PIN, backup passphrase) without echoing it. */

/** Thrown when the person presses Ctrl+C at the prompt. */
export class PromptCancelled extends Error {
  constructor() {
    super("cancelled at the prompt");
  }
}

/**
 * Read one line from the terminal on stdin with echo off; `question` goes to stderr, so stdout stays clean for the
 * command's answer. Backspace removes one character (a whole code point, so Chinese input edits correctly); Enter
 * ends the line. Rejects with `PromptCancelled` on Ctrl+C. Call only when `process.stdin.isTTY`.
 */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = "";
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.resume();
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new PromptCancelled());
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else if (ch >= " ") typed += ch;
      }
    };
    stdin.on("data", onData);
  });
}
