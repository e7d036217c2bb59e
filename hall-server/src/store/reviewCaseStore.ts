/** Follow-up cases of bad reviews (migration 008): one per rating at level 1-2. Writes run in the change's transaction. */
import type { ReviewCaseState } from "@onewindow/contract";
import type { Db } from "./db.ts";

export interface ReviewCaseRow {
  id: number;
  rating_id: number;
  state: ReviewCaseState;
  opened_at: number;
  deadline_at: number;
  deadline_working_days: number;
  updated_at: number;
}

/** Statements over `review_cases`, prepared once per database. */
export class ReviewCaseStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[number, number, number, number, number], { id: number }>(
        `INSERT INTO review_cases (rating_id, state, opened_at, deadline_at, deadline_working_days, updated_at)
         VALUES (?, 'open', ?, ?, ?, ?) RETURNING id`,
      ),
      get: db.prepare<[number], ReviewCaseRow>("SELECT * FROM review_cases WHERE id = ?"),
      ofRating: db.prepare<[number], ReviewCaseRow>("SELECT * FROM review_cases WHERE rating_id = ?"),
      touch: db.prepare<[number, number]>("UPDATE review_cases SET updated_at = ? WHERE id = ?"),
    };
  }

  /** Open a case for rating `ratingId` at `openedAt`, due `deadlineAt` (epoch ms); returns its id. */
  open(ratingId: number, openedAt: number, deadlineAt: number, workingDays: number): number {
    return this.s.insert.get(ratingId, openedAt, deadlineAt, workingDays, openedAt)!.id;
  }

  get(id: number): ReviewCaseRow | undefined {
    return this.s.get.get(id);
  }

  ofRating(ratingId: number): ReviewCaseRow | undefined {
    return this.s.ofRating.get(ratingId);
  }

  /** Record that case `id` changed at `at` (its state stays; supervision moves states later). */
  touch(id: number, at: number): void {
    this.s.touch.run(at, id);
  }
}
