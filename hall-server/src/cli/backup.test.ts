import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cli, serve, stopAll, tempDir } from "./testing.ts";

const run = (args: string[], env: Record<string, string> = {}) => cli(args, { env });
const PASSPHRASE = "a long enough backup passphrase";

/** Every file under `dir` with its size and modification time, to show that a refused restore changed nothing. */
const listing = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: "utf8" })
        .sort()
        .map((f) => {
          const s = statSync(join(dir, f));
          return s.isFile() ? `${f} ${s.size} ${s.mtimeMs}` : `${f}/`;
        })
    : ["(absent)"];

describe("hall-server backup and restore", () => {
  let root: string;
  let hall: string;
  let passphraseFile: string;
  let backup: string;

  beforeAll(() => {
    root = tempDir();
    hall = join(root, "hall");
    passphraseFile = join(root, "passphrase");
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    expect(run(["init", "--dir", hall, "--demo", "--port", "0"]).status).toBe(0);
    backup = join(root, "hall.owbackup");
    const r = run([
      "backup",
      "--config",
      join(hall, "config.json"),
      "--out",
      backup,
      "--passphrase-file",
      passphraseFile,
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`to ${backup}`);
  }, 120_000);
  afterEach(stopAll);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([["backup"], ["restore"]])(
    "when `%s --help` is asked, then it exits 0 with its options and an example",
    (cmd) => {
      const r = run([cmd, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("--passphrase-file");
      expect(r.stdout).toMatch(/example/i);
    },
  );

  it("when a backup is restored into a new directory, then the hall starts there", async () => {
    const target = join(root, "restored");
    const r = run(["restore", backup, "--dir", target], { ONEWINDOW_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`start it with: hall-server start --config ${join(target, "config.json")}`);
    const started = await serve(["start", "--config", join(target, "config.json")]);
    const url = /answering on (http:\/\/[\d.]+:\d+)/.exec(started.stdout())![1]!;
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("when the backup is truncated, then restore exits 1 saying so and writes nothing", () => {
    const cut = join(root, "cut.owbackup");
    writeFileSync(cut, readFileSync(backup).subarray(0, 50_000));
    const target = join(root, "cut-target");
    const r = run(["restore", cut, "--dir", target, "--passphrase-file", passphraseFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cut.owbackup is truncated");
    expect(listing(target)).toEqual(["(absent)"]);
  });

  it("when the backup is of another hall, then restore exits 1 naming both halls and changes nothing", () => {
    const other = join(root, "other");
    expect(run(["init", "--dir", other, "--demo", "--port", "0"]).status).toBe(0);
    const was = listing(other);
    const r = run(["restore", backup, "--dir", other, "--passphrase-file", passphraseFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is a backup of hall [0-9a-f-]{36} .* holds hall [0-9a-f-]{36}/);
    expect(listing(other)).toEqual(was);
  });

  it("when the passphrase is wrong, then restore exits 1 saying so and writes nothing", () => {
    const target = join(root, "wrong-pass");
    const r = run(["restore", backup, "--dir", target], { ONEWINDOW_BACKUP_PASSPHRASE: "not the right passphrase" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("wrong passphrase for hall.owbackup");
    expect(listing(target)).toEqual(["(absent)"]);
  });

  it("when the hall is running, then restore onto it exits 1 naming the running process", async () => {
    const started = await serve(["start", "--config", join(hall, "config.json")]);
    const r = run(["restore", backup, "--dir", hall, "--passphrase-file", passphraseFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `refusing to restore onto a running hall: the hall is running (pid ${started.child.pid}`,
    );
    // A backup of the running hall works meanwhile.
    const again = run(["backup", "--config", join(hall, "config.json"), "--dir", join(root, "live")], {
      ONEWINDOW_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    expect(again.status).toBe(0);
    expect(readdirSync(join(root, "live"))).toEqual([
      expect.stringMatching(/^hall-[0-9a-f-]{36}-\d{8}T\d{9}Z\.owbackup$/),
    ]);
  });

  it("when no passphrase source is given and stdin is not a terminal, then backup exits 2 naming the ways to give one", () => {
    const r = run(["backup", "--config", join(hall, "config.json"), "--dir", join(root, "none")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no passphrase: give --passphrase-file <file>, set ONEWINDOW_BACKUP_PASSPHRASE");
    expect(existsSync(join(root, "none"))).toBe(false);
  });

  it("when the backup file or the passphrase file does not exist, then restore and backup exit 2 with one plain line each and write nothing", () => {
    const target = join(root, "missing");
    const missing = join(root, "nope.owbackup");
    const r = run(["restore", missing, "--dir", target, "--passphrase-file", passphraseFile]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`hall-server: cannot read the backup ${missing}: no such file or directory`);
    const noPass = join(root, "nope.txt");
    const b = run(["backup", "--config", join(hall, "config.json"), "--dir", target, "--passphrase-file", noPass]);
    expect(b.status).toBe(2);
    expect(b.stderr.trim()).toBe(`hall-server: cannot read the passphrase file ${noPass}: no such file or directory`);
    expect(listing(target)).toEqual(["(absent)"]);
  });

  it("when --out names a file that exists, then backup exits 1 and leaves that file as it was", () => {
    const kept = join(root, "kept.owbackup");
    writeFileSync(kept, "an older backup");
    const r = run([
      "backup",
      "--config",
      join(hall, "config.json"),
      "--out",
      kept,
      "--passphrase-file",
      passphraseFile,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${kept} already exists`);
    expect(readFileSync(kept, "utf8")).toBe("an older backup");
  });

  it("when --dir holds unrelated files but no hall, then restore exits 1 and adds nothing there", () => {
    const target = join(root, "junk");
    mkdirSync(target);
    writeFileSync(join(target, "file.txt"), "not a hall");
    const r = run(["restore", backup, "--dir", target, "--passphrase-file", passphraseFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("holds files but no hall (no config.json); restore into a new, empty directory");
    expect(readdirSync(target)).toEqual(["file.txt"]);
  });
});
