import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { obtainPassphrase, PASSPHRASE_ENV } from "./passphrase.ts";

describe("where a backup passphrase comes from", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("when a passphrase file is given, then its first line is the passphrase, whatever the environment says", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-pass-"));
    dirs.push(dir);
    writeFileSync(join(dir, "p"), "correct horse battery\nsecond line\n");
    const env = { [PASSPHRASE_ENV]: "from the environment" };
    expect(await obtainPassphrase({ file: join(dir, "p"), env, confirm: false })).toBe("correct horse battery");
  });

  it("when only the environment holds one, then it is used", async () => {
    expect(await obtainPassphrase({ env: { [PASSPHRASE_ENV]: "staple 12345" }, confirm: true })).toBe("staple 12345");
  });

  it("when the environment variable is set but empty, then the refusal says so instead of asking to set it", async () => {
    await expect(obtainPassphrase({ env: { [PASSPHRASE_ENV]: "" }, confirm: false })).rejects.toThrow(
      `${PASSPHRASE_ENV} is set but empty (environment)`,
    );
  });
});
