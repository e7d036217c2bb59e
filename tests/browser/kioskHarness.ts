/**
 * The kiosk suite's hall: a real `hall-server start` process on port 0 (the demo catalogue, tuned so that every
 * scenario exists at any hour: one item open all day, one that needs an ID card, one whose daily cap is 0, one closed
 * now), and a real station agent in this process whose printer, ID-card reader and scanner are virtual twins on socat
 * PTY pairs. The test drives the twins (cards, scans, paper out) and reads every ticket back from the printer's bytes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { startAgent, type StationAgent } from "../../station-agent/src/index.ts";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { call, prepareDemoHall, spawnHall, type DemoHall, type HallProcess } from "../support/hallProcess.ts";

export const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询与帮办代办服务: open all day in this suite
/** The hall's public address: the tickets' QR codes link to <this>/t/<token>. */
export const PUBLIC_BASE_URL = "https://hall.example.test";
export const ALL_DAY = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

export interface KioskHall {
  readonly demo: DemoHall;
  hall: HallProcess;
  readonly agent: StationAgent;
  /** Item codes chosen for the scenarios. */
  readonly items: { enquiry: string; cardRequired: string; capped: string; closed: string };
  /** The kiosk page's URL with the agent's fragment. */
  pageUrl(query?: string): string;
  stop(): Promise<void>;
}

/** Hours that are closed now in `timeZone`: one hour twelve hours away. */
function closedNow(timeZone: string) {
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format());
  const at = (hour + 12) % 24;
  const hh = (h: number) => String(h).padStart(2, "0");
  return [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: `${hh(at)}:00`, close: `${hh(at)}:59` }];
}

/** Start the suite's hall in `timeZone` (IANA; the browser tests' `middayZone()`), its station agent in the same. */
export async function startKioskHall(timeZone: string): Promise<KioskHall> {
  // A real hall's rules: service hours enforced (the demo waives them), so a real hall's public address for the QR.
  const demo = await prepareDemoHall({
    timeZone,
    demoMode: false,
    publicBaseUrl: PUBLIC_BASE_URL,
    rateLimits: { issue: { capacity: 100_000, refillPerSecond: 100_000 } },
  });
  const hall = await spawnHall(["start", "--config", demo.configPath]);

  // The scenarios' catalogue, imported by the demo's admin.
  const admin = await call<{ token: string }>(hall.url, "POST", "/api/auth/login", undefined, {
    employeeNo: "GW001",
    password: "onewindow-admin",
  });
  if (admin.status !== 200) throw new Error(`admin sign-in refused: ${JSON.stringify(admin.body)}`);
  const exported = await call<{ items: Record<string, unknown>[] }>(
    hall.url,
    "GET",
    "/api/catalog/export",
    admin.body.token,
  );
  const catalog = exported.body;
  const others = catalog.items.filter((i) => i.active !== false && i.code !== ENQUIRY).map((i) => String(i.code));
  const items = { enquiry: ENQUIRY, cardRequired: others[0]!, capped: others[1]!, closed: others[2]! };
  for (const item of catalog.items) {
    item.hours = item.code === items.closed ? closedNow(timeZone) : ALL_DAY;
    item.slotCaps = [];
    item.idCardRequired = item.code === items.cardRequired;
    if (item.code === items.capped) item.dailyCap = 0;
  }
  const imported = await call(hall.url, "POST", "/api/catalog/import?force=true", admin.body.token, catalog);
  if (imported.status !== 200) throw new Error(`catalogue import refused: ${JSON.stringify(imported.body)}`);

  const dir = mkdtempSync(join(tmpdir(), "onewindow-kiosk-page-"));
  writeFileSync(join(dir, "token"), demo.tokens["kiosk-1"]! + "\n", { mode: 0o600 });
  const stationConfig = {
    hallUrl: hall.url,
    station: { kind: "kiosk", name: "kiosk-1" },
    logLevel: "warn",
    timeZone,
    devices: {
      printer: { profile: "generic-80", link: { kind: "virtual" } },
      idCardReader: { link: { kind: "virtual" } },
      scanner: { link: { kind: "virtual" } },
    },
  };
  writeFileSync(join(dir, "station.json"), JSON.stringify(stationConfig));
  const config = parseStationConfig(JSON.parse(readFileSync(join(dir, "station.json"), "utf8")), dir);
  const agent = await startAgent(config, { log: pino({ level: "silent" }), printerPollMs: 0, recoverEveryMs: 500 });

  const result: KioskHall = {
    demo,
    hall,
    agent,
    items,
    pageUrl: (query = "") => `${result.hall.url}/kiosk${query}#${agent.fragment}`,
    async stop() {
      await agent.stop();
      result.hall.child.kill("SIGTERM");
      await result.hall.exited;
    },
  };
  return result;
}
