// `hall-server staff photo`: the window screen's photo stored from the CLI, with the hall down (on the database)
// and up (through the running server's admin API).
import Database from "better-sqlite3";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cli, freePort, serve, stopAll, tempDir } from "./testing.ts";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
afterEach(stopAll);

/** A real 1 × 1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

const photos = (dir: string) => {
  const db = new Database(join(dir, "hall", "data", "hall.db"), { readonly: true });
  try {
    return db
      .prepare(
        "SELECT s.employee_no AS employeeNo, p.media_type AS mediaType, p.bytes FROM staff_photos p JOIN staff s ON s.id = p.staff_id",
      )
      .all();
  } finally {
    db.close();
  }
};

describe("hall-server staff photo", () => {
  it("when a PNG is stored with the hall down and then up, then each is in the database; a GIF and a missing file are refused with why", async () => {
    const dir = tempDir();
    const port = await freePort();
    expect(cli(["init", "--dir", join(dir, "hall"), "--demo", "--port", String(port)]).status).toBe(0);
    const config = join(dir, "hall", "config.json");
    const png = join(dir, "gw005.png");
    writeFileSync(png, PNG);

    const down = cli(["staff", "photo", "GW005", png, "--config", config]);
    expect(down.stderr).toBe("");
    expect(down.stdout).toBe(`photo of GW005 stored (image/png, ${PNG.length} bytes)\n`);
    expect(photos(dir)).toEqual([{ employeeNo: "GW005", mediaType: "image/png", bytes: PNG }]);

    const gif = join(dir, "not-a-photo.gif");
    writeFileSync(gif, Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00", "latin1"));
    await serve(["start", "--config", config]);
    const refused = cli(["staff", "photo", "GW006", gif, "--config", config]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("a staff photo must be a JPEG or PNG file");
    const up = cli(["staff", "photo", "GW006", png, "--config", config]);
    expect(up.stderr).toBe("");
    expect(up.status).toBe(0);
    expect(photos(dir)).toHaveLength(2);

    const missing = cli(["staff", "photo", "GW006", join(dir, "nope.jpg"), "--config", config]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.jpg");
  });
});
