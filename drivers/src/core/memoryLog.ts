/**
 * A pino logger that writes into memory, for tests that check what drivers log (and what they never log).
 *
 *   driver --log--> pino(level) --JSON lines--> memory --> text / lines()
 */
import { pino, type LevelWithSilent, type Logger } from "pino";

/** A logger plus what it wrote. */
export interface MemoryLog {
  readonly logger: Logger;
  /** Everything written so far, as raw text (one JSON object a line). */
  readonly text: () => string;
  /** Everything written so far, parsed. */
  readonly lines: () => Record<string, unknown>[];
}

/** A logger at `level` (default "debug") whose lines are kept in memory. pino writes to plain streams synchronously. */
export function createMemoryLog(level: LevelWithSilent = "debug"): MemoryLog {
  const chunks: string[] = [];
  const logger = pino({ level }, { write: (chunk: string) => void chunks.push(chunk) });
  const text = (): string => chunks.join("");
  const lines = (): Record<string, unknown>[] =>
    text()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, text, lines };
}
