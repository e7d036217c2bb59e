import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RatingJournal } from "./ratingJournal.ts";

let dir: string;
const file = (name: string) => join(dir, name);
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "onewindow-rating-journal-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const answer = (requestKey: string, ticketId = 7) => ({ ticketId, level: 4, ratingChannel: 5 as const, requestKey });

describe("the counter's rating journal", () => {
  it("when answers are kept, then they outlive the process that kept them, oldest first, until dropped", () => {
    let clock = 1000;
    const first = new RatingJournal(file("a.db"), () => clock++);
    first.keep(answer("key-aaaa-1", 1));
    first.keep(answer("key-aaaa-2", 2));
    first.keep(answer("key-aaaa-1", 99)); // the same key again: the first one stays
    first.close();
    const again = new RatingJournal(file("a.db"));
    expect(again.unsent().map((a) => [a.requestKey, a.ticketId])).toEqual([
      ["key-aaaa-1", 1],
      ["key-aaaa-2", 2],
    ]);
    again.drop("key-aaaa-1");
    expect(again.unsent().map((a) => a.requestKey)).toEqual(["key-aaaa-2"]);
    again.close();
  });

  it("when a row no longer reads as a rating, then it is dropped, not sent; the others are", () => {
    const journal = new RatingJournal(file("b.db"));
    journal.keep(answer("key-bbbb-1"));
    journal.close();
    const raw = new Database(file("b.db"));
    raw.prepare("INSERT INTO unsent_ratings VALUES ('key-bbbb-2', '{not json', 5)").run();
    raw.prepare("INSERT INTO unsent_ratings VALUES ('key-bbbb-3', ?, 6)").run(JSON.stringify({ level: 9 }));
    raw.close();
    const reopened = new RatingJournal(file("b.db"));
    expect(reopened.unsent().map((a) => a.requestKey)).toEqual(["key-bbbb-1"]);
    expect(reopened.unsent()).toHaveLength(1);
    reopened.close();
  });

  it("when the file is of a newer schema, then opening it throws naming both versions and changes nothing", () => {
    const raw = new Database(file("c.db"));
    raw.pragma("user_version = 2");
    raw.close();
    expect(() => new RatingJournal(file("c.db"))).toThrow(/schema 2; this agent knows up to 1/);
    const after = new Database(file("c.db"));
    expect(after.pragma("user_version", { simple: true })).toBe(2);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'unsent_ratings'").get()).toBeUndefined();
    after.close();
  });
});
