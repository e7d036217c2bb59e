import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestHall } from "./testing/testHall.ts";
import { HALL_ID_KEY, hallId, readHallId } from "./services/hallIdentity.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Here rather than beside services/hallIdentity.ts: it simulates an old hall with raw SQL, which services/ may not hold.
describe("hall id", () => {
  it("when a hall is opened, then it has a UUID hall id that stays the same across reopenings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-hallid-"));
    const first = await startTestHall({ dir });
    const id = hallId(first.server.ctx);
    expect(id).toMatch(UUID);
    expect(hallId(first.server.ctx)).toBe(id);
    await first.close();
    const again = await startTestHall({ dir });
    expect(hallId(again.server.ctx)).toBe(id);
    await again.close();
  });

  it("when a hall made before hall ids is opened, then it gets one on that first open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-hallid-"));
    const old = await startTestHall({ dir });
    old.server.ctx.db.prepare("DELETE FROM settings WHERE key = ?").run(HALL_ID_KEY);
    expect(readHallId(old.server.ctx.store.settings)).toBeUndefined();
    await old.close();
    const reopened = await startTestHall({ dir });
    expect(readHallId(reopened.server.ctx.store.settings)).toMatch(UUID);
    await reopened.close();
  });
});
