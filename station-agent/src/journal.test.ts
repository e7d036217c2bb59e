import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TakeJournal } from "./journal.ts";

const fresh = () => join(mkdtempSync(join(tmpdir(), "agent-journal-")), "journal.db");

describe("TakeJournal", () => {
  it("when a take advances, then a reopened journal sees the last phase; ending it drops the reserve body", () => {
    const path = fresh();
    const journal = new TakeJournal(path);
    journal.begin("k1", "k1", '{"requestKey":"k1","issue":{"card":{"idNumber":"110101198506121234"}}}');
    journal.advance("k1", "reserved", { ticketId: 7, number: "A001", printData: "{}" });
    journal.close();
    const reopened = new TakeJournal(path);
    expect(reopened.open()).toMatchObject([{ requestKey: "k1", phase: "reserved", ticketId: 7, number: "A001" }]);
    reopened.advance("k1", "confirmed");
    expect(reopened.open()).toEqual([]);
    expect(reopened.get("k1")).toMatchObject({ phase: "confirmed", reserveBody: null, number: "A001" });
    reopened.close();
  });

  it("when created, then the file is readable by its owner only", () => {
    const path = fresh();
    new TakeJournal(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("when a command is noted twice, then the later outcome wins", () => {
    const journal = new TakeJournal(fresh());
    journal.noteCommand(3, "printing");
    journal.noteCommand(3, "done", { ok: false, reason: "out of paper" });
    expect(journal.command(3)).toEqual({ id: 3, phase: "done", ok: false, reason: "out of paper" });
    journal.close();
  });
});
