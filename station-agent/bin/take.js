#!/usr/bin/env node
// Take one ticket through a running station agent: node station-agent/bin/take.js '<page url#agent=...&secret=...>' <itemCode>
import { register } from "tsx/esm/api";

register();
process.argv.splice(2, 0, "take");
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
