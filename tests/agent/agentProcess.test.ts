/**
 * The agent as its own process: the one-line take of the README (bin/take.js with the page address and fragment),
 * and a reprint ordered while the agent was down, delivered by the hall-server when it reconnects and printed once.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPtyPair, type PtyPair } from "@onewindow/drivers/node";
import { VirtualPrinter } from "@onewindow/drivers/virtual";
import type { TicketLedger } from "@onewindow/contract";
import type { TestHall } from "../../hall-server/src/testing/testHall.ts";
import { ticketFacts } from "../../station-agent/src/ticket/ticketFacts.ts";
import { ENQUIRY, spawnAgent, startLooseHall, until, writeStation } from "./agentHarness.ts";

const take = resolve(import.meta.dirname, "../../station-agent/bin/take.js");

/** Run bin/take.js with `args`; its exit code and output. */
function runTake(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [take, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.once("exit", (code) => done({ code, out })));
}

let hall: TestHall | undefined;
let pty: PtyPair | undefined;
let printer: VirtualPrinter | undefined;
const dir = mkdtempSync(join(tmpdir(), "onewindow-agent-process-"));
const started = Date.now();
afterAll(async () => {
  await printer?.stop();
  await pty?.dispose();
  await hall?.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`agentProcess: ${Date.now() - started} ms`);
});

describe("the agent as its own process", () => {
  it("when take.js is given the page address with its fragment, then it prints the number; a bad item is refused (exit 1)", async () => {
    hall = await startLooseHall();
    pty = await createPtyPair({ dir, name: "printer" });
    printer = new VirtualPrinter({ path: pty.devicePath });
    await printer.start();
    const configPath = writeStation(hall, dir, {
      devices: { printer: { profile: "generic-80", link: { kind: "serial", path: pty.hostPath, baudRate: 115200 } } },
    });
    let agent = await spawnAgent(configPath);
    const page = `${hall.url}/kiosk#${agent.fragment}`;

    const taken = await runTake([page, ENQUIRY]);
    expect(taken.code).toBe(0);
    const number = /^([A-Z]\d{3}) /.exec(taken.out)?.[1];
    expect(number, taken.out).toBeDefined();
    expect(ticketFacts(printer.tickets.at(-1)!).number).toBe(number);

    const refused = await runTake([page, "NO-SUCH-ITEM"]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^refused: /);
    const wrongSecret = await runTake([page.replace(/secret=[^&]+/, `secret=${"A".repeat(43)}`), ENQUIRY]);
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.out).toContain("wrong secret");

    // A reprint ordered while the agent is down waits on the server and prints once when it is back.
    agent.child.kill("SIGTERM");
    await agent.exited;
    const supervisor = await hall.login("GW002");
    const ledger = await hall.api<TicketLedger>("GET", "/api/tickets/ledger", undefined, supervisor);
    const entry = ledger.body.prefixes.flatMap((p) => p.entries).find((e) => e.number === number)!;
    const staff = await hall.login("GW005", 1);
    const ordered = await hall.api<{ command: { id: number } }>(
      "POST",
      `/api/tickets/${entry.ticketId}/reprint`,
      {},
      staff,
    );
    expect(ordered.status).toBe(201);
    const before = printer.tickets.length;
    agent = await spawnAgent(configPath);
    await until("the reprint", () => printer!.tickets.length > before, 10_000);
    expect(ticketFacts(printer.tickets.at(-1)!)).toMatchObject({ number, reprint: true });
    // Reconnecting again must not print it twice: the command is answered. The paper is out before the agent has
    // read the printer's status and answered, so wait for the answer: a kill before it is an interrupted print, which
    // the agent rightly prints again (takeFlow.ts: two papers of one number beat none).
    const commandId = ordered.body.command.id;
    await until("the answer", () => hall!.server.ctx.store.deviceCommands.get(commandId)?.answered_at != null, 10_000);
    agent.child.kill("SIGTERM");
    await agent.exited;
    agent = await spawnAgent(configPath);
    await new Promise((r) => setTimeout(r, 1500));
    expect(printer.tickets.length).toBe(before + 1);
    agent.child.kill("SIGTERM");
    await agent.exited;
  }, 60_000);
});
