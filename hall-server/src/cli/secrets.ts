/**
 * Reading a secret (a password or PIN) for the CLI without putting it on the command line, where `ps` and the shell
 * history would show it: from a file (`--*-file`), else a hidden prompt at a terminal (asked twice), else the first
 * line of standard input (CI, scripts: `echo "$PW" | hall-server ...`).
 */
import { readFileSync } from "node:fs";
import { promptHidden, PromptCancelled } from "../terminal/promptHidden.ts";
import { CliError, fsProblem } from "./support.ts";

/** Where the secret comes from and what it is called in messages ("admin password", "PIN"). */
export interface SecretSource {
  label: string;
  /** The file flag's value, if given, and its name for messages ("--admin-password-file"). */
  file?: string | undefined;
  fileFlag: string;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? "";
}

/** Read all of standard input (not a terminal). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The secret from `source.file`, a terminal prompt (twice; they must match) or standard input, without its line
 * ending. Throws CliError when the file cannot be read, the prompts differ, or nothing was given.
 */
export async function readSecret(source: SecretSource): Promise<{ secret: string; from: string }> {
  let secret: string;
  let from: string;
  if (source.file !== undefined) {
    try {
      secret = firstLine(readFileSync(source.file, "utf8"));
    } catch (error) {
      throw fsProblem(`read the ${source.label} file (${source.fileFlag})`, source.file, error);
    }
    from = `${source.fileFlag} ${source.file}`;
  } else if (process.stdin.isTTY) {
    const ask = (question: string) =>
      promptHidden(question).catch((error: unknown) => {
        throw error instanceof PromptCancelled ? new CliError("cancelled") : error;
      });
    secret = await ask(`${source.label}: `);
    const again = await ask(`${source.label} again: `);
    if (again !== secret) throw new CliError(`the two ${source.label} entries differ; nothing was changed`);
    from = "the terminal";
  } else {
    secret = firstLine(await readStdin());
    from = "standard input";
  }
  if (secret === "")
    throw new CliError(
      `no ${source.label} given: type it at the prompt, pipe it on standard input, or pass ${source.fileFlag} <file>`,
    );
  return { secret, from };
}
