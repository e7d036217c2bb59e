import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSecurityError, type SecurityErrorCode } from "./errors.ts";
import { generateKeyring, loadOrCreateKeyring, parseKeyring, serialiseKeyring } from "./keyring.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ow-keyring-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeKeyFile(name: string, text: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode });
  chmodSync(path, mode); // the process umask may have narrowed the mode given to writeFileSync
  return path;
}

function loadError(path: string): { code: SecurityErrorCode; message: string } {
  try {
    loadOrCreateKeyring(path);
  } catch (err) {
    if (isSecurityError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected loadOrCreateKeyring to throw");
}

const b64 = (n: number, fill = 1): string => Buffer.alloc(n, fill).toString("base64");

describe("loadOrCreateKeyring", () => {
  it("when the file does not exist, then it is created 0600 with three distinct random 32-byte keys", () => {
    const path = join(dir, "keys.json");
    const keyring = loadOrCreateKeyring(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    for (const key of [keyring.idHashKey, keyring.dataKey, keyring.tokenPepper]) expect(key.length).toBe(32);
    expect(keyring.idHashKey.equals(keyring.dataKey)).toBe(false);
    const text = readFileSync(path, "utf8");
    expect(JSON.parse(text)).toMatchObject({ version: 1, dataKey: keyring.dataKey.toString("base64") });
  });

  it("when loaded a second time, then the same keys come back (nothing is regenerated)", () => {
    const path = join(dir, "keys.json");
    const first = loadOrCreateKeyring(path);
    const second = loadOrCreateKeyring(path);
    expect(second.idHashKey.equals(first.idHashKey)).toBe(true);
    expect(second.dataKey.equals(first.dataKey)).toBe(true);
    expect(second.tokenPepper.equals(first.tokenPepper)).toBe(true);
  });

  it("when the parent directory is missing, then it is created 0700 and leaves no temp files", () => {
    const path = join(dir, "secrets", "hall", "keys.json");
    loadOrCreateKeyring(path);
    expect(statSync(join(dir, "secrets", "hall")).mode & 0o777).toBe(0o700);
    expect(statSync(path).isFile()).toBe(true);
    expect(readFileSync(path, "utf8")).toContain('"tokenPepper"');
    expect(readdirSync(join(dir, "secrets", "hall"))).toEqual(["keys.json"]);
  });

  it.each([0o644, 0o640, 0o604, 0o660])("when the file mode is %o, then it is refused naming the file", (mode) => {
    const path = writeKeyFile("keys.json", serialiseKeyring(generateKeyring()), mode);
    const err = loadError(path);
    expect(err.code).toBe("KEYRING_PERMISSIONS");
    expect(err.message).toContain(path);
    expect(err.message).toContain("chmod 600");
  });

  it("when the file is 0400, then it loads (read-only for the owner is fine)", () => {
    const keyring = generateKeyring();
    const path = writeKeyFile("keys.json", serialiseKeyring(keyring), 0o400);
    expect(loadOrCreateKeyring(path).tokenPepper.equals(keyring.tokenPepper)).toBe(true);
  });

  it("when the path is a directory, then it is refused as not a regular file", () => {
    const path = join(dir, "adir");
    mkdirSync(path, { mode: 0o700 });
    const err = loadError(path);
    expect(err.code).toBe("KEYRING_INVALID");
    expect(err.message).toContain("not a regular file");
  });

  const good = { version: 1, idHashKey: b64(32, 1), dataKey: b64(32, 2), tokenPepper: b64(32, 3) };
  it.each([
    ["not JSON", "{nope", "not valid JSON"],
    ["an array", "[]", "JSON object"],
    ["wrong version", JSON.stringify({ ...good, version: 2 }), "version"],
    ["missing key", JSON.stringify({ ...good, dataKey: undefined }), '"dataKey" is missing'],
    ["non-string key", JSON.stringify({ ...good, tokenPepper: 42 }), '"tokenPepper" is missing or not a string'],
    ["short key", JSON.stringify({ ...good, idHashKey: b64(16) }), "must decode to 32 bytes, got 16"],
    ["bad base64", JSON.stringify({ ...good, dataKey: "%%%%" }), '"dataKey" is not canonical base64'],
    ["reused key", JSON.stringify({ ...good, tokenPepper: good.dataKey }), "keys must all differ"],
  ])("when the content is %s, then loading fails with KEYRING_INVALID naming the file", (_label, text, problem) => {
    const path = writeKeyFile("keys.json", text);
    const err = loadError(path);
    expect(err.code).toBe("KEYRING_INVALID");
    expect(err.message).toContain(path);
    expect(err.message).toContain(problem);
  });

  it("when a key is invalid, then the error message does not echo the key material", () => {
    const secretLooking = Buffer.alloc(31, 7).toString("base64");
    const path = writeKeyFile("keys.json", JSON.stringify({ ...good, dataKey: secretLooking }));
    expect(loadError(path).message).not.toContain(secretLooking);
  });

  it("when the file is oversized, then it is refused before parsing", () => {
    const path = writeKeyFile("keys.json", " ".repeat(70_000));
    expect(loadError(path).message).toContain("too large");
  });
});

describe("generateKeyring / serialiseKeyring / parseKeyring", () => {
  it("when a generated keyring is serialised and parsed, then it round-trips", () => {
    const keyring = generateKeyring();
    const parsed = parseKeyring(serialiseKeyring(keyring), "mem");
    expect(parsed.idHashKey.equals(keyring.idHashKey)).toBe(true);
    expect(parsed.dataKey.equals(keyring.dataKey)).toBe(true);
    expect(parsed.tokenPepper.equals(keyring.tokenPepper)).toBe(true);
  });

  it("when two keyrings are generated, then they share no key", () => {
    const a = generateKeyring();
    const b = generateKeyring();
    expect(a.dataKey.equals(b.dataKey)).toBe(false);
    expect(a.idHashKey.equals(b.idHashKey)).toBe(false);
  });
});
