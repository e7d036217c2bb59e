/**
 * Station agent take latency: from the page's "take ticket" to the printer write of the ticket's last byte, over a
 * socat PTY pair, one take after another (a kiosk serves one citizen at a time), against a hall-server process.
 *
 *   page client --take--> agent (in process) --status, reserve (HTTP), layout, write--> PTY --> virtual printer
 *   t0: the take frame is sent                                                   t1: the job's last byte arrives
 *
 * t1 is when the virtual printer decodes the job's last command (GS r 1, the end-of-job probe the driver appends),
 * so each sample also holds the last byte's PTY transit: a slight over-estimate of "write resolves". The baseline,
 * from the same run, writes the same ticket's bytes straight to a PTY transport and times the same arrival.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createPtyPair, printer, SerialTransport, type PtyPair } from "@onewindow/drivers/node";
import { VirtualPrinter } from "@onewindow/drivers/virtual";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { startAgent } from "../../station-agent/src/agent.ts";
import { connectAgent } from "../../station-agent/src/page/agentClient.ts";
import { printedTicketLayout } from "../../station-agent/src/ticket/printedTicket.ts";

export interface AgentTakeResult {
  /** Take -> last byte, ms, one per take. */
  readonly takeMs: number[];
  /** Bare write of the same bytes -> last byte, ms. */
  readonly writeMs: number[];
  readonly bytes: number;
}

/** Enquiry item of the demo catalogue. */
const ITEM = "11441702007046212W200010100100";

/** Resolves at the virtual printer's next end-of-job probe (GS r 1). */
function nextEndOfJob(device: VirtualPrinter): Promise<number> {
  return new Promise((resolve) => {
    const listener = (command: { op: string }) => {
      if (command.op !== "paperStatus") return;
      device.off("command", listener);
      resolve(performance.now());
    };
    device.on("command", listener);
  });
}

/** Run `takes` takes through an agent against the hall at `hallUrl` (kiosk `token`), then the baseline. */
export async function runAgentTakeBench(hallUrl: string, token: string, takes = 200): Promise<AgentTakeResult> {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-agent-bench-"));
  const pairs: PtyPair[] = [];
  try {
    const pty = await createPtyPair({ dir, name: "printer" });
    pairs.push(pty);
    const device = new VirtualPrinter({ path: pty.devicePath });
    await device.start();
    writeFileSync(join(dir, "token"), token, { mode: 0o600 });
    const config = parseStationConfig(
      {
        hallUrl,
        station: { kind: "kiosk", name: "bench-kiosk" },
        logLevel: "silent",
        devices: { printer: { profile: "generic-80", link: { kind: "serial", path: pty.hostPath, baudRate: 115200 } } },
      },
      dir,
    );
    const agent = await startAgent(config, { log: pino({ level: "silent" }), printerPollMs: 0 });
    const takeMs: number[] = [];
    try {
      const client = await connectAgent({ url: agent.url, secret: agent.secret, origin: new URL(hallUrl).origin });
      await client.next("welcome");
      for (let i = 0; i < takes; i++) {
        const requestId = randomUUID();
        const arrived = nextEndOfJob(device);
        const t0 = performance.now();
        await client.send({ type: "take", requestId, itemCode: ITEM });
        const answer = await client.next(["taken", "refused"]);
        if (answer.type === "refused") throw new Error(`take ${i + 1} refused: ${answer.reason.words.en}`);
        takeMs.push((await arrived) - t0);
      }
      client.close();
    } finally {
      await agent.stop();
    }
    await device.stop();

    // Baseline: the same kind of ticket's bytes, written straight to a PTY transport.
    const profile = printer.getPrinterProfile("generic-80");
    const data = {
      hallName: "示例政务服务中心",
      itemCode: ITEM,
      itemName: "咨询",
      number: "A001",
      issuedAt: Date.now(),
      ahead: 3,
      expectedWaitMinutes: 10,
      areas: ["一楼"],
      windows: ["1", "2", "3"],
      materialsHint: "",
      statusUrl: `${hallUrl}/t/${"x".repeat(22)}`,
      reprint: false,
    };
    const job = printer.encodeTicket(
      printedTicketLayout(data, profile, { language: "zh", timeZone: "Asia/Shanghai" }),
      profile,
    );
    const bytes = new Uint8Array([...job, 0x1d, 0x72, 0x01]);
    const bare = await createPtyPair({ dir, name: "baseline" });
    pairs.push(bare);
    const twin = new VirtualPrinter({ path: bare.devicePath });
    await twin.start();
    const transport = new SerialTransport({ path: bare.hostPath, baudRate: 115200 });
    await transport.open();
    const writeMs: number[] = [];
    for (let i = 0; i < takes; i++) {
      const arrived = nextEndOfJob(twin);
      const t0 = performance.now();
      await transport.write(bytes);
      writeMs.push((await arrived) - t0);
    }
    await transport.close();
    await twin.stop();
    return { takeMs, writeMs, bytes: bytes.length };
  } finally {
    for (const pair of pairs) await pair.dispose().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
