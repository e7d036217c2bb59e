import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { loadConfigFile } from "../../hall-server/src/config.ts";
import {
  call,
  prepareDemoHall,
  spawnHall,
  type DemoHall,
  type HallProcess,
  signInDemoStaff,
} from "../support/hallProcess.ts";

const ENQUIRY = "11441702007046212W200010100100"; // served at windows 1-3
const PASSPHRASE = "nightly backup passphrase for the test";
type Issued = { ticket: { id: number; number: string; state: string } };
type AckedState = "called" | "serving" | "done" | "no_show";
// States a ticket may be found in after restore when `key` was acknowledged before the backup began: that state or
// any later one its window's script could have reached before the copy was taken, never an earlier one.
const AT_LEAST: Record<AckedState, readonly string[]> = {
  called: ["called", "serving", "done", "no_show"],
  serving: ["serving", "done"],
  done: ["done"],
  no_show: ["no_show"],
};
// Acknowledged work before the backup, and after it (the backup is taken mid-stream, not at a quiet moment).
const BEFORE = { issued: 150, called: 20, done: 10 };
const AFTER = { issued: 50 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bin = resolve(import.meta.dirname, "../../hall-server/bin/hall-server.js");

/** Run `hall-server <args>` as its own process without blocking this one (the load goes on meanwhile). */
function hallServer(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ONEWINDOW_BACKUP_PASSPHRASE: PASSPHRASE },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once("close", (status) => done({ status, stdout, stderr })));
}

// A hall-server process serves issuers and three counter windows in a loop; `hall-server backup`, another process,
// backs it up through its own read-only connection mid-stream; the backup is restored into a new directory and a hall-server
// started on it must hold every ticket and counter action acknowledged before the backup began.
describe("backup under load", () => {
  const cleanup: string[] = [];
  afterAll(() => {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it("when a serving hall is backed up under load and restored into a new directory, then every commit acknowledged before the backup began is there and the server starts on it", async () => {
    const hall: DemoHall = await prepareDemoHall({
      rateLimits: { issue: { capacity: 100_000, refillPerSecond: 100_000 } },
    });
    cleanup.push(hall.dir);
    const run: HallProcess = await spawnHall(["start", "--config", hall.configPath]);
    // One-phase issue (the online hall); a kiosk issues in two phases.
    const issuerToken = hall.tokens["online-hall"]!;
    const reader = hall.tokens["counter-1"]!;
    const staff = await signInDemoStaff(hall, run.url);

    const issued = new Map<number, string>();
    const acked = new Map<number, AckedState>();
    const count = { called: 0, done: 0 };
    const unexpected: string[] = [];
    let stop = false;
    const post = async <T>(path: string, token: string, body: unknown = {}) => {
      const res = await call<T & { error?: { code: string; message: string } }>(run.url, "POST", path, token, body);
      if (res.status >= 300 && res.status !== 404)
        unexpected.push(`${path}: ${res.status} ${res.body.error?.code ?? ""} ${res.body.error?.message ?? ""}`);
      return res;
    };
    const issuer = async () => {
      while (!stop && unexpected.length === 0) {
        const res = await post<Issued>("/api/tickets", issuerToken, { itemCode: ENQUIRY });
        if (res.status === 201) issued.set(res.body.ticket.id, res.body.ticket.number);
      }
    };
    const counter = async (token: string) => {
      for (let n = 0; !stop && unexpected.length === 0; n++) {
        const next = await post<{ id: number }>("/api/counter/call-next", token);
        if (next.status === 404) {
          await sleep(5); // nobody waiting just now
          continue;
        }
        if (next.status !== 200) return;
        const id = next.body.id;
        acked.set(id, "called");
        count.called++;
        if (n % 5 === 2) {
          if ((await post("/api/counter/no-show", token)).status !== 200) return;
          acked.set(id, "no_show");
          continue;
        }
        if ((await post("/api/counter/start", token)).status !== 200) return;
        acked.set(id, "serving");
        if ((await post("/api/counter/finish", token)).status !== 200) return;
        acked.set(id, "done");
        count.done++;
      }
    };
    const workers = [issuer(), issuer(), issuer(), ...staff.map(counter)];
    const waitFor = async (enough: () => boolean) => {
      while (!enough() && unexpected.length === 0) await sleep(5);
    };

    try {
      await waitFor(() => issued.size >= BEFORE.issued && count.called >= BEFORE.called && count.done >= BEFORE.done);
      // What was acknowledged when the backup began: every answer already received.
      const issuedBefore = new Map(issued);
      const ackedBefore = new Map(acked);
      const config = loadConfigFile(hall.configPath, {});
      const backupDir = mkdtempSync(join(tmpdir(), "onewindow-backups-"));
      cleanup.push(backupDir);
      const backup = await hallServer(["backup", "--config", hall.configPath, "--dir", backupDir]);
      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
      const path = /to (\S+\.owbackup)/.exec(backup.stdout)![1]!;
      const hallId = /backed up hall ([0-9a-f-]{36})/.exec(backup.stdout)![1]!;
      const issuedAtBackupEnd = issued.size;
      await waitFor(() => issued.size >= issuedAtBackupEnd + AFTER.issued);

      // The hall is still serving: a restore onto it is refused, naming its process, and changes nothing.
      const refused = await hallServer(["restore", path, "--config", hall.configPath]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        `refusing to restore onto a running hall: the hall is running (pid ${run.child.pid}`,
      );

      stop = true;
      await Promise.all(workers);
      expect(unexpected).toEqual([]);

      const target = mkdtempSync(join(tmpdir(), "onewindow-restored-"));
      cleanup.push(target);
      const restore = await hallServer(["restore", path, "--dir", target]);
      expect(restore.stderr).toBe("");
      expect(restore.status).toBe(0);
      const restoredConfig = join(target, "config.json");
      expect(JSON.parse(readFileSync(restoredConfig, "utf8"))).toMatchObject({ hallName: config.hallName, port: 0 });
      const again = await spawnHall(["start", "--config", restoredConfig]);
      try {
        const found = new Map<number, { number: string; state: string } | undefined>();
        const ids = [...new Set([...issuedBefore.keys(), ...ackedBefore.keys()])];
        for (let i = 0; i < ids.length; i += 16)
          await Promise.all(
            ids.slice(i, i + 16).map(async (id) => {
              const res = await call<Issued>(again.url, "GET", `/api/tickets/${id}`, reader);
              found.set(id, res.status === 200 ? res.body.ticket : undefined);
            }),
          );
        const lost = [...issuedBefore].filter(([id, number]) => found.get(id)?.number !== number);
        expect(lost, "tickets issued before the backup began, missing after restore").toEqual([]);
        const behind = [...ackedBefore]
          .filter(([id, state]) => !AT_LEAST[state].includes(found.get(id)?.state ?? "missing"))
          .map(([id, state]) => `ticket ${id}: acknowledged ${state}, restored ${found.get(id)?.state ?? "missing"}`);
        expect(behind).toEqual([]);
        // The restored hall is the same hall and serves: same hall id, the old online-hall token issues a ticket.
        const status = await hallServer(["status", "--config", restoredConfig, "--json"]);
        expect((JSON.parse(status.stdout) as { hallId: string }).hallId).toBe(hallId);
        const next = await call<Issued>(again.url, "POST", "/api/tickets", issuerToken, { itemCode: ENQUIRY });
        expect(next.status).toBe(201);
      } finally {
        again.child.kill("SIGTERM");
        await again.exited;
      }
    } finally {
      stop = true;
      await Promise.all(workers);
      run.child.kill("SIGTERM");
      await run.exited;
    }
  }, 180_000);
});
