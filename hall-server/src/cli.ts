/**
 * hall-server CLI entry, the composition root: `hall-server --help` lists the commands; each lives in
 * `cli/<command>.ts` and is registered in `cli/index.ts` (which says how to add one). Exit codes: 0 done or help,
 * 1 the hall refused, 2 a bad flag, environment value, config or file (one line on stderr, never a stack trace).
 */
import { runCli } from "./cli/index.ts";

const exitCode = await runCli(process.argv.slice(2));
// A serving command (start, demo) resolves 0 and keeps the process alive through its server; others end here.
if (exitCode !== 0) process.exit(exitCode);
