/**
 * SIGKILL the station agent (its own process) at points between reserve and cut, restart it, and check the ledger:
 * every number ends printed (waiting, with a complete ticket on paper) or voided (with its reason, and no complete
 * ticket), never both, never neither. Then kill the hall-server (its own process) mid-take and check the same.
 * The virtual printer lives in this process on a socat PTY pair, so its paper survives the agent's death.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPtyPair, type PtyPair } from "@onewindow/drivers/node";
import { VirtualPrinter } from "@onewindow/drivers/virtual";
import type { TicketLedger } from "@onewindow/contract";
import type { TestHall } from "../../hall-server/src/testing/testHall.ts";
import { freePort } from "../../hall-server/src/cli/testing.ts";
import { ticketFacts } from "../../station-agent/src/ticket/ticketFacts.ts";
import { connectAgent } from "../../station-agent/src/page/agentClient.ts";
import { call, prepareDemoHall, spawnHall, type HallProcess } from "../support/hallProcess.ts";
import { ENQUIRY, spawnAgent, startLooseHall, writeStation, type AgentProcess } from "./agentHarness.ts";

const timings: string[] = [];
afterAll(() => console.log(`agentKill timings:\n  ${timings.join("\n  ")}`));

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    timings.push(`${name}: ${Date.now() - start} ms`);
  }
}

/** A command of a print job, not a status query (the agent reads status before it reserves, and polls it). */
const isJobCommand = (command: { op: string }) =>
  !["realtimeStatus", "paperStatus", "autoStatusBack"].includes(command.op);

interface Station {
  pty: PtyPair;
  printer: VirtualPrinter;
  dir: string;
  configPath: string;
}

/** A PTY pair with the virtual printer on its device end, and a station config whose printer is its host end. */
async function station(write: (dir: string, printerPath: string) => string): Promise<Station> {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-kill-"));
  const pty = await createPtyPair({ dir, name: "printer" });
  const printer = new VirtualPrinter({ path: pty.devicePath });
  await printer.start();
  // ~20 lines a ticket at 6 ms a line: a kill "mid-print" has room to land inside the job.
  printer.lineTimeMs = 6;
  return { pty, printer, dir, configPath: write(dir, pty.hostPath) };
}

const printerLink = (path: string) => ({
  printer: { profile: "generic-80", link: { kind: "serial" as const, path, baudRate: 115200 } },
});

/** Take one ticket through the agent process; resolves with the answer, or undefined when the agent died first. */
async function takeThrough(agent: AgentProcess, origin: string) {
  const client = await connectAgent({
    url: agent.url,
    secret: new URLSearchParams(agent.fragment).get("secret")!,
    origin,
  });
  await client.next("welcome");
  const requestId = randomUUID();
  await client.send({ type: "take", requestId, itemCode: ENQUIRY });
  const answer = await Promise.race([
    client.next(["taken", "refused"], 20_000),
    client.closed.then(() => undefined),
  ]).catch(() => undefined);
  client.close();
  return answer;
}

/** Every number's state is final (no reservation left open): wait for it, then check paper against the ledger. */
async function settledLedger(read: () => Promise<TicketLedger>, numbers?: number): Promise<TicketLedger> {
  let ledger: TicketLedger | undefined;
  await expect
    .poll(
      async () => {
        ledger = await read();
        const entries = ledger.prefixes.flatMap((p) => p.entries);
        const open = entries.filter((e) => e.state === "reserved").length;
        return open === 0 && (numbers === undefined || entries.length === numbers);
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return ledger!;
}

/** The one-state check: every number waiting with a complete ticket, or voided with a reason and no ticket. */
function checkLedger(ledger: TicketLedger, printer: VirtualPrinter): { waiting: string[]; voided: string[] } {
  const onPaper = new Map<string, number>();
  for (const ticket of printer.tickets) {
    const number = ticketFacts(ticket).number;
    onPaper.set(number, (onPaper.get(number) ?? 0) + 1);
  }
  const waiting: string[] = [];
  const voided: string[] = [];
  for (const prefix of ledger.prefixes) {
    expect(prefix.missing).toEqual([]);
    for (const entry of prefix.entries) {
      if (entry.state === "voided") {
        expect(entry.voided?.reason, `${entry.number} voided with a reason`).toBeDefined();
        expect(onPaper.get(entry.number) ?? 0, `${entry.number} voided yet printed`).toBe(0);
        voided.push(entry.number);
      } else {
        expect(entry.state, `${entry.number}`).toBe("waiting");
        expect(onPaper.get(entry.number) ?? 0, `${entry.number} waiting yet never printed`).toBeGreaterThan(0);
        waiting.push(entry.number);
      }
    }
  }
  return { waiting, voided };
}

describe("agent killed between reserve and cut", () => {
  let hall: TestHall | undefined;
  let kiosk: Station | undefined;
  afterAll(async () => {
    await kiosk?.printer.stop();
    await kiosk?.pty.dispose();
    if (kiosk) rmSync(kiosk.dir, { recursive: true, force: true });
    await hall?.close();
  });

  it("when the agent is SIGKILLed at each point and restarted, then every number ends printed or voided, exactly once", async () => {
    hall = await startLooseHall();
    const supervisor = await hall.login("GW002");
    const origin = new URL(hall.url).origin;
    kiosk = await station((dir, path) => writeStation(hall!, dir, { devices: printerLink(path) }));
    const { printer } = kiosk;
    const ledger = async () =>
      (await hall!.api<TicketLedger>("GET", "/api/tickets/ledger", undefined, supervisor)).body;

    // Each trigger arms itself on the next take and kills the agent once it fires.
    type Trigger = (kill: () => void) => () => void;
    const onEvent =
      (type: string): Trigger =>
      (kill) => {
        const listener = (event: { type: string }) => event.type === type && kill();
        hall!.server.ctx.bus.on("event", listener);
        return () => hall!.server.ctx.bus.off("event", listener);
      };
    const points: [string, Trigger][] = [
      ["after the server reserved", onEvent("ticket.reserved")],
      [
        "mid-print (first bytes of the ticket on the printer)",
        (kill) => {
          let seen = 0;
          const listener = (command: { op: string }) => isJobCommand(command) && ++seen === 12 && kill();
          printer.on("command", listener);
          return () => printer.off("command", listener);
        },
      ],
      [
        "at the cut",
        (kill) => {
          printer.once("ticket", kill);
          return () => printer.off("ticket", kill);
        },
      ],
      ["after the server confirmed", onEvent("ticket.issued")],
    ];

    const outcomes: { name: string; number: string; state: string; reprinted: boolean }[] = [];
    for (const [name, trigger] of points) {
      await timed(`kill ${name}`, async () => {
        const agent = await spawnAgent(kiosk!.configPath);
        const disarm = trigger(() => agent.child.kill("SIGKILL"));
        await takeThrough(agent, origin);
        await agent.exited;
        disarm();
        const restarted = await spawnAgent(kiosk!.configPath);
        const entry = (await settledLedger(ledger, outcomes.length + 1)).prefixes.flatMap((p) => p.entries).at(-1)!;
        restarted.child.kill("SIGTERM");
        await restarted.exited;
        const papers = printer.tickets.map(ticketFacts).filter((t) => t.number === entry.number);
        outcomes.push({ name, number: entry.number, state: entry.state, reprinted: papers.some((t) => t.reprint) });
      });
    }
    timings.push(...outcomes.map((o) => `${o.name}: ${o.number} ${o.state}${o.reprinted ? " (补打)" : ""}`));
    // Killed mid-print, the ticket is printed again marked 补打 and confirmed (README, "Take").
    expect(outcomes[1]).toMatchObject({ state: "waiting", reprinted: true });
    // Killed after the server confirmed: nothing left to do, and no reprint.
    expect(outcomes[3]).toMatchObject({ state: "waiting", reprinted: false });
    const outcome = checkLedger(await ledger(), printer);
    timings.push(`ledger: waiting ${outcome.waiting.join(",")}; voided ${outcome.voided.join(",")}`);
    expect(outcome.waiting.length + outcome.voided.length).toBe(points.length);
  }, 120_000);
});

describe("hall-server killed mid-take", () => {
  let server: HallProcess | undefined;
  let kiosk: Station | undefined;
  let hallDir: string | undefined;
  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await kiosk?.printer.stop();
    await kiosk?.pty.dispose();
    for (const dir of [kiosk?.dir, hallDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("when the server dies while a ticket prints and comes back, then the agent confirms it; the ledger holds", async () => {
    const port = await freePort();
    const demo = await prepareDemoHall({ port });
    hallDir = demo.dir;
    server = await spawnHall(["start", "--config", demo.configPath]);
    const url = server.url;
    const supervisorLogin = async () =>
      (
        await call<{ token: string }>(url, "POST", "/api/auth/login", undefined, {
          employeeNo: "GW001",
          password: "onewindow-admin",
        })
      ).body.token;
    kiosk = await station((dir, path) => {
      writeFileSync(join(dir, "token"), demo.tokens["kiosk-1"]! + "\n", { mode: 0o600 });
      const configPath = join(dir, "station.json");
      writeFileSync(
        configPath,
        JSON.stringify({
          hallUrl: url,
          station: { kind: "kiosk", name: "kiosk-1" },
          logLevel: "warn",
          devices: printerLink(path),
        }),
      );
      return configPath;
    });
    const agent = await spawnAgent(kiosk.configPath);
    const restartServer = async () => {
      server = await spawnHall(["start", "--config", demo.configPath]);
    };

    await timed("server killed while printing", async () => {
      const killServer = (command: { op: string }) => {
        if (!isJobCommand(command)) return;
        kiosk!.printer.off("command", killServer);
        server!.child.kill("SIGKILL");
      };
      kiosk!.printer.on("command", killServer);
      const answer = await takeThrough(agent, url);
      // The paper is out; the confirm waits for the server.
      expect(answer?.type).toBe("taken");
      await server!.exited;
      await restartServer();
    });
    await timed("server killed before the reserve", async () => {
      server!.child.kill("SIGKILL");
      await server!.exited;
      const answer = await takeThrough(agent, url);
      expect(answer).toMatchObject({ type: "refused", reason: { code: "hall_unreachable" } });
      await restartServer();
    });
    const token = await supervisorLogin();
    const read = async () => (await call<TicketLedger>(url, "GET", "/api/tickets/ledger", token)).body;
    // The take refused while the server was down left a journaled reserve: once the server is back the agent asks
    // again with the same key (a new number, as the first never arrived) and voids it, so it too is explained.
    const settled = await settledLedger(read, 2);
    const outcome = checkLedger(settled, kiosk.printer);
    timings.push(`server kill ledger: waiting ${outcome.waiting.join(",")}; voided ${outcome.voided.join(",")}`);
    expect(outcome.waiting.length).toBe(1);
    expect(settled.prefixes.flatMap((p) => p.entries).find((e) => e.state === "voided")?.voided?.reason).toBe(
      "agent_restarted",
    );
    agent.child.kill("SIGTERM");
    await agent.exited;
    expect(readFileSync(join(kiosk.dir, "token"), "utf8")).not.toBe("");
  }, 120_000);
});
