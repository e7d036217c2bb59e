import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Catalog } from "@onewindow/contract";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, resolveConfig, type HallConfig, type ResolvedConfig } from "../config.ts";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { createHallServer, type HallServer } from "../server.ts";
import { importCatalogJson } from "../services/catalogAdmin.ts";
import { createDevice, pairDevice } from "../services/devices.ts";
import { latestSchemaVersion } from "../store/db.ts";
import { WEDNESDAY_10AM } from "../testing/testHall.ts";
import { backupFileName, createBackup, pruneBackups, restoreBackup } from "./backup.ts";
import { BackupError, type KdfParams } from "./backupFile.ts";
import { scheduleNightlyBackups } from "./nightly.ts";

const ENQUIRY = "11441702007046212W200010100100";
const PASSPHRASE = "correct horse battery staple";
// A cheap scrypt cost keeps the tests fast; the format records it, so restore uses the same.
const kdf: KdfParams = { N: 1024, r: 8, p: 1 };
const silent = pino({ level: "silent" });
// The CLI takes the hall's lock file here (cli/restore.ts); these tests count the calls.
let locks = 0;
const lockHall = () => {
  locks++;
  return () => void locks--;
};

interface RunningHall {
  dir: string;
  config: ResolvedConfig;
  server: HallServer;
  url: string;
  kiosk: string;
  issue(): Promise<{ id: number; number: string }>;
}

const open: HallServer[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.stop();
});

/** A real hall in a temp dir: config from `extra`, key file on disk, demo catalogue, listening on port 0. */
async function startHall(dir = mkdtempSync(join(tmpdir(), "onewindow-bk-")), extra: Partial<HallConfig> = {}) {
  // Voice off: its pre-render writes <dataDir>/voice-cache in the background, which the listings below would catch
  // half-way (and it costs ~40 espeak-ng runs a hall).
  const config = resolveConfig({ port: 0, hashCost: 10, logLevel: "silent", voice: { engine: "off" }, ...extra }, dir);
  const server = createHallServer(config, { clock: () => WEDNESDAY_10AM, log: silent });
  if (server.ctx.catalog.itemsById.size === 0) await importCatalogJson(server.ctx, Catalog.parse(demoCatalog));
  const address = await server.start();
  open.push(server);
  const url = `http://127.0.0.1:${address.port}`;
  const kiosk = pairDevice(server.ctx, createDevice(server.ctx, { name: "k", kind: "gateway" }).pairingCode).token;
  const hall: RunningHall = {
    dir,
    config,
    server,
    url,
    kiosk,
    async issue() {
      const res = await fetch(`${url}/api/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${kiosk}`, "content-type": "application/json" },
        body: JSON.stringify({ itemCode: ENQUIRY }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { ticket: { id: number; number: string } }).ticket;
    },
  };
  return hall;
}

async function stopHall(hall: RunningHall): Promise<void> {
  open.splice(open.indexOf(hall.server), 1);
  await hall.server.stop();
}

const backupOf = (hall: RunningHall, extra: { passphrase?: string; file?: string } = {}) =>
  createBackup({
    source: hall.config.dbPath,
    config: hall.config,
    passphrase: extra.passphrase ?? PASSPHRASE,
    ...(extra.file ? { file: extra.file } : { dir: join(hall.dir, "backups") }),
    kdf,
  });

/** A new hall directory's target paths, as `hall-server restore --dir` uses them. */
const newTarget = (dir = mkdtempSync(join(tmpdir(), "onewindow-restore-"))) => ({
  dir,
  lockHall,
  dbPath: join(dir, "data", "hall.db"),
  keyPath: join(dir, "keys.json"),
  newConfigPath: join(dir, "config.json"),
});

/** Every file under `dir` with its size and content hash, to show that a refused restore changed nothing. */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return ["(absent)"];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const s = statSync(path);
      return s.isFile() ? `${f} ${s.size} ${readFileSync(path).toString("base64").slice(0, 64)}` : `${f}/`;
    });
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe("backup and restore", () => {
  it("when a serving hall is backed up and restored into a new directory, then a server starts on it with every ticket and the same keys", async () => {
    const hall = await startHall();
    const before = [await hall.issue(), await hall.issue(), await hall.issue()];
    const { path, manifest } = await backupOf(hall);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(manifest.hallId).toBe(hall.server.ctx.store.settings.get("hall_id"));
    expect(manifest.schemaVersion).toBe(latestSchemaVersion());
    expect(readFileSync(path).includes(readFileSync(hall.config.keyPath))).toBe(false);
    const keysText = readFileSync(hall.config.keyPath, "utf8");
    await stopHall(hall);

    const target = newTarget();
    const result = await restoreBackup({ file: path, passphrase: PASSPHRASE, ...target });
    expect(result.movedAside).toEqual([]);
    for (const file of [target.dbPath, target.keyPath, target.newConfigPath])
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    expect(readFileSync(target.keyPath, "utf8")).toBe(keysText);
    expect(locks, "the lock is released").toBe(0);

    const config = JSON.parse(readFileSync(target.newConfigPath, "utf8")) as Record<string, unknown>;
    const restored = await startHall(target.dir, { ...config, port: 0, hashCost: 10, logLevel: "silent" });
    expect(restored.server.ctx.store.settings.get("hall_id")).toBe(manifest.hallId);
    for (const t of before) expect(restored.server.ctx.store.tickets.get(t.id)?.number).toBe(t.number);
    // The restored keys are the hall's keys: the old device's token still works (the online hall issues in one phase).
    const res = await fetch(`${restored.url}/api/tickets`, {
      method: "POST",
      headers: { authorization: `Bearer ${hall.kiosk}`, "content-type": "application/json" },
      body: JSON.stringify({ itemCode: ENQUIRY }),
    });
    expect(res.status).toBe(201);
  });

  it("when the backup file is truncated, then restore refuses it as truncated and writes nothing", async () => {
    const hall = await startHall();
    await hall.issue();
    const { path } = await backupOf(hall);
    truncateSync(path, statSync(path).size - 100);
    const target = newTarget();
    const was = listing(target.dir);
    const error = await refusal(restoreBackup({ file: path, passphrase: PASSPHRASE, ...target }));
    expect(error.code).toBe("TRUNCATED");
    expect(error.message).toMatch(/is truncated: it holds \d+ of the database's \d+ bytes/);
    expect(listing(target.dir)).toEqual(was);

    truncateSync(path, 20);
    expect((await refusal(restoreBackup({ file: path, passphrase: PASSPHRASE, ...target }))).code).toBe("TRUNCATED");
    expect(listing(target.dir)).toEqual(was);
  });

  it("when a byte of the database in the backup is changed, then restore refuses it as damaged", async () => {
    const hall = await startHall();
    const { path } = await backupOf(hall);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(path, bytes);
    const target = newTarget();
    const error = await refusal(restoreBackup({ file: path, passphrase: PASSPHRASE, ...target }));
    expect(error.code).toBe("DAMAGED");
    expect(error.message).toContain("SHA-256 does not match");
    expect(listing(target.dir)).toEqual([]);
  });

  it("when the file is not a backup at all, then restore says so", async () => {
    const target = newTarget();
    const file = join(target.dir, "notes.txt");
    writeFileSync(file, "hello");
    const error = await refusal(restoreBackup({ file, passphrase: PASSPHRASE, ...target }));
    expect(error.code).toBe("NOT_A_BACKUP");
    expect(error.message).toContain('does not start with "OWBACKUP"');
  });

  it("when the backup is from another hall, then restore refuses naming both halls and changes nothing", async () => {
    const one = await startHall();
    const { path, manifest } = await backupOf(one);
    const other = await startHall();
    const otherId = other.server.ctx.store.settings.get("hall_id")!;
    await stopHall(other);
    const was = listing(other.dir);
    const error = await refusal(
      restoreBackup({
        file: path,
        passphrase: PASSPHRASE,
        dbPath: other.config.dbPath,
        keyPath: other.config.keyPath,
        lockHall,
      }),
    );
    expect(error.code).toBe("OTHER_HALL");
    expect(error.message).toContain(manifest.hallId);
    expect(error.message).toContain(otherId);
    expect(listing(other.dir)).toEqual(was);
  });

  it("when the backup holds a newer schema than this build knows, then restore refuses it and changes nothing", async () => {
    const hall = await startHall();
    await stopHall(hall);
    const db = new Database(hall.config.dbPath);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    const { path } = await backupOf(hall);
    const target = newTarget();
    const error = await refusal(restoreBackup({ file: path, passphrase: PASSPHRASE, ...target }));
    expect(error.code).toBe("NEWER_SCHEMA");
    expect(error.message).toContain(`schema ${latestSchemaVersion() + 1}, newer than this hall-server knows`);
    expect(listing(target.dir)).toEqual([]);
  });

  it("when the passphrase is wrong, then restore refuses it and changes nothing", async () => {
    const hall = await startHall();
    const { path } = await backupOf(hall);
    const target = newTarget();
    const error = await refusal(restoreBackup({ file: path, passphrase: "not the passphrase", ...target }));
    expect(error.code).toBe("WRONG_PASSPHRASE");
    expect(listing(target.dir)).toEqual([]);
  });

  it("when the manifest's hall id is edited to pass as another hall, then restore refuses it as damaged", async () => {
    const one = await startHall();
    const { path, manifest } = await backupOf(one);
    const other = await startHall();
    const otherId = other.server.ctx.store.settings.get("hall_id")!;
    await stopHall(other);
    writeFileSync(path, readFileSync(path, "latin1").replace(manifest.hallId, otherId), "latin1");
    const error = await refusal(
      restoreBackup({
        file: path,
        passphrase: PASSPHRASE,
        dbPath: other.config.dbPath,
        keyPath: other.config.keyPath,
        lockHall,
      }),
    );
    // The image's own hall id no longer matches the manifest's.
    expect(error.code).toBe("DAMAGED");
  });

  it("when the hall's lock cannot be taken (it is running), then restore refuses and changes nothing", async () => {
    const hall = await startHall();
    await hall.issue();
    const { path } = await backupOf(hall);
    const running = () => {
      throw new BackupError("HALL_RUNNING", "refusing to restore onto a running hall: pid 4242");
    };
    const before = listing(join(hall.dir, "data"));
    const error = await refusal(
      restoreBackup({
        file: path,
        passphrase: PASSPHRASE,
        dbPath: hall.config.dbPath,
        keyPath: hall.config.keyPath,
        lockHall: running,
      }),
    );
    expect(error.code).toBe("HALL_RUNNING");
    expect(listing(join(hall.dir, "data")).filter((f) => f.includes("restore"))).toEqual([]);
    expect(listing(join(hall.dir, "data")).length).toBe(before.length);
    await hall.issue(); // still serving
  });

  it("when a stopped hall is restored from its own backup, then its later changes are rolled back and its old files kept aside", async () => {
    const hall = await startHall();
    const kept = await hall.issue();
    const { path } = await backupOf(hall);
    const later = await hall.issue();
    await stopHall(hall);
    const result = await restoreBackup({
      file: path,
      passphrase: PASSPHRASE,
      dbPath: hall.config.dbPath,
      keyPath: hall.config.keyPath,
      lockHall,
    });
    expect(result.movedAside.map((p) => p.replace(/before-restore-\w+$/, "*"))).toContain(`${hall.config.dbPath}.*`);
    const again = await startHall(hall.dir);
    expect(again.server.ctx.store.tickets.get(kept.id)?.number).toBe(kept.number);
    expect(again.server.ctx.store.tickets.get(later.id)).toBeUndefined();
  });

  it("when the passphrase is short, then no backup is written", async () => {
    const hall = await startHall();
    const error = await refusal(backupOf(hall, { passphrase: "short" }));
    expect(error.code).toBe("WEAK_PASSPHRASE");
    expect(existsSync(join(hall.dir, "backups"))).toBe(false);
  });
});

describe("pruneBackups", () => {
  it("when there are more backups than kept, then the oldest of that hall go and nothing else is touched", () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-prune-"));
    const day = 86_400_000;
    const names = [1, 2, 3, 4].map((n) => backupFileName("hall-a", WEDNESDAY_10AM + n * day));
    const others = [backupFileName("hall-b", WEDNESDAY_10AM), "notes.txt"];
    for (const name of [...names, ...others]) writeFileSync(join(dir, name), "x");
    expect(pruneBackups(dir, "hall-a", 2).sort()).toEqual([join(dir, names[0]!), join(dir, names[1]!)]);
    expect(readdirSync(dir).sort()).toEqual([...names.slice(2), ...others].sort());
  });
});

describe("nightly backup", () => {
  it("when the nightly backup runs, then it writes a backup into the configured dir and keeps the newest `keep`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-nightly-"));
    writeFileSync(join(dir, "passphrase"), `${PASSPHRASE}\n`, { mode: 0o600 });
    const backup = { dir: "backups", time: "02:30", keep: 2, passphraseFile: "passphrase" };
    const hall = await startHall(dir);
    const { dbPath: _db, keyPath: _key, ...settings } = hall.config;
    const config = resolveConfig({ ...settings, backup }, dir);
    let now = WEDNESDAY_10AM;
    const nightly = scheduleNightlyBackups({ db: hall.server.ctx.db, config, log: silent, now: () => now, kdf });
    try {
      const paths: string[] = [];
      for (let n = 0; n < 3; n++) {
        await hall.issue();
        paths.push(await nightly.runNow());
        now += 86_400_000;
      }
      expect(readdirSync(join(dir, "backups")).sort()).toEqual(
        paths
          .slice(1)
          .map((p) => p.split("/").pop())
          .sort(),
      );
      const target = newTarget();
      await restoreBackup({ file: paths[2]!, passphrase: PASSPHRASE, ...target });
      expect(existsSync(target.dbPath)).toBe(true);
    } finally {
      await nightly.stop();
    }
  });

  it("when the hall's clock reaches the configured time, then the timer writes the night's backup", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-nightly-"));
    writeFileSync(join(dir, "passphrase"), PASSPHRASE, { mode: 0o600 });
    const hall = await startHall(dir);
    const { dbPath: _db, keyPath: _key, ...settings } = hall.config;
    const backup = { dir: "backups", time: "02:30", keep: 7, passphraseFile: "passphrase" };
    const config = resolveConfig({ ...settings, backup }, dir);
    // Only the timer is faked: SQLite's backup steps and scrypt run on real setImmediate and the thread pool.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let now = Date.parse("2026-11-25T23:00:00+08:00");
    const nightly = scheduleNightlyBackups({ db: hall.server.ctx.db, config, log: silent, now: () => now, kdf });
    try {
      now += 3 * 3_600_000 + 29 * 60_000; // 02:29
      vi.advanceTimersByTime(3 * 3_600_000 + 29 * 60_000);
      expect(existsSync(join(dir, "backups"))).toBe(false);
      now += 60_000; // 02:30
      vi.advanceTimersByTime(60_000);
    } finally {
      vi.useRealTimers();
      await nightly.stop(); // waits for the backup the timer started
    }
    expect(readdirSync(join(dir, "backups"))).toEqual([
      backupFileName(hall.server.ctx.store.settings.get("hall_id")!, Date.parse("2026-11-26T02:30:00+08:00")),
    ]);
  });

  it.each([
    [{ dir: "b", time: "25:00", passphraseFile: "p" }, "backup.time"],
    [{ dir: "b", time: "02:30", keep: 0, passphraseFile: "p" }, "backup.keep"],
    [{ dir: "b", time: "02:30" }, "backup.passphraseFile"],
  ])("when the backup config is bad (%j), then boot stops naming the field", (backup, field) => {
    expect(() => resolveConfig({ backup }, "/srv")).toThrow(ConfigError);
    expect(() => resolveConfig({ backup }, "/srv")).toThrow(field);
  });

  it("when the nightly backup's passphrase file is missing, then the server does not start: a config error naming the field and the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-nightly-"));
    const config = resolveConfig(
      { port: 0, logLevel: "silent", backup: { dir: "b", time: "02:30", passphraseFile: "nope" } },
      dir,
    );
    const server = createHallServer(config, { log: silent });
    const started = server.start();
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(
      `backup.passphraseFile: cannot read the passphrase file ${join(dir, "nope")}`,
    );
    await server.stop();
  });
});
