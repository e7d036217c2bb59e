import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HallEvent } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import { GroupCommitter } from "./groupCommit.ts";
import { issueTicket } from "./tickets.ts";

const ENQUIRY = "11441702007046212W200010100100";
const issue = (hall: TestHall) => () =>
  issueTicket(
    hall.server.ctx,
    { itemCode: ENQUIRY, priority: "normal", agent: false },
    { kind: "device", deviceId: 1, remote: true },
  );

describe("group commit", () => {
  let hall: TestHall;
  let published: HallEvent[];
  beforeEach(async () => {
    hall = await startTestHall();
    published = [];
    hall.server.ctx.bus.on("event", (e) => published.push(e));
  });
  afterEach(async () => hall.close());

  it("when changes arrive together, then they share one commit, a refused one rolls back alone, and events follow the commit", async () => {
    const committer = new GroupCommitter(hall.server.ctx);
    const refused = () => {
      hall.server.ctx.commit(() => {
        hall.server.ctx.store.settings.set("refused", "x");
        throw new AppError("conflict", "refused on purpose");
      });
    };
    const results = Promise.allSettled([
      committer.submit(issue(hall)),
      committer.submit(refused),
      committer.submit(issue(hall)),
    ]);
    expect(published).toEqual([]); // nothing is published before the group's COMMIT
    const [a, r, b] = await results;
    expect(a.status === "fulfilled" && a.value.ticket.number).toBe("A001");
    expect(b.status === "fulfilled" && b.value.ticket.number).toBe("A002");
    expect(r.status).toBe("rejected");
    expect(published.map((e) => e.type)).toEqual(["ticket.issued", "ticket.issued"]);
    expect(hall.server.ctx.store.settings.get("refused")).toBeUndefined();
    expect(hall.server.ctx.queues.size).toBe(2);
  });

  it("when the COMMIT itself fails, then every change is refused, nothing is published and memory matches the database", async () => {
    const committer = new GroupCommitter(hall.server.ctx);
    // A deferred foreign-key violation passes its savepoint and makes the group's COMMIT fail.
    const poison = () =>
      hall.server.ctx.commit(() => {
        hall.server.ctx.db.pragma("defer_foreign_keys = ON");
        hall.server.ctx.store.catalog.replaceSkills(999_999, [{ itemId: 1, weight: 5 }]);
      });
    const results = await Promise.allSettled([committer.submit(issue(hall)), committer.submit(poison)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(published).toEqual([]);
    expect(hall.server.ctx.queues.size).toBe(0);
    expect(hall.server.ctx.store.tickets.get(1)).toBeUndefined();
    const after = await committer.submit(issue(hall));
    expect(after.ticket.number).toBe("A001");
  });
});
