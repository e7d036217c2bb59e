/** Window rows: who sits where, open or paused, and the live-seat test every counter action starts with. */
import type { Db } from "./db.ts";
import type { WindowRow } from "./catalogStore.ts";

/** The live-state fields a use case may change on a window (the rest comes from the catalogue). */
export type WindowStatePatch = Partial<
  Pick<WindowRow, "state" | "staff_id" | "pause_reason" | "paused_at" | "priority_streak">
>;

// A window `w` whose seated staff member still has a live session there (one parameter: now).
const LIVE_SEAT = `EXISTS (SELECT 1 FROM sessions s WHERE s.window_id = w.id AND s.staff_id = w.staff_id AND s.expires_at > ?)`;

/** Statements over `windows` (and the `sessions` that make a seat live), prepared once per database. */
export class WindowStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[number], WindowRow>("SELECT * FROM windows WHERE id = ?"),
      active: db.prepare<[], WindowRow>("SELECT * FROM windows WHERE active = 1 ORDER BY number"),
      ofStaff: db.prepare<[number], WindowRow>("SELECT * FROM windows WHERE staff_id = ?"),
      liveSeat: db.prepare<[number, number, number], { one: number }>(
        "SELECT 1 AS one FROM sessions WHERE window_id = ? AND staff_id = ? AND expires_at > ? LIMIT 1",
      ),
      serving: db.prepare<[number], { id: number; staff_id: number }>(
        `SELECT w.id, w.staff_id FROM windows w WHERE w.state = 'open' AND w.staff_id IS NOT NULL AND ${LIVE_SEAT}`,
      ),
      lapsed: db.prepare<[number], WindowRow>(
        `SELECT * FROM windows w WHERE w.staff_id IS NOT NULL AND NOT ${LIVE_SEAT}`,
      ),
      update: db.prepare<WindowRow>(
        `UPDATE windows SET state = @state, staff_id = @staff_id, pause_reason = @pause_reason, paused_at = @paused_at,
           priority_streak = @priority_streak WHERE id = @id`,
      ),
    };
  }

  /** The window with this row id, active or not. */
  get(windowId: number): WindowRow | undefined {
    return this.s.get.get(windowId);
  }

  /** Active windows by number. */
  active(): WindowRow[] {
    return this.s.active.all();
  }

  /** The window a staff member's seat is recorded at (live or lapsed), if any. */
  ofStaff(staffId: number): WindowRow | undefined {
    return this.s.ofStaff.get(staffId);
  }

  /** Whether `staffId` holds a session at window `windowId` that is live at `now` (epoch ms). */
  hasLiveSeat(windowId: number, staffId: number, now: number): boolean {
    return this.s.liveSeat.get(windowId, staffId, now) !== undefined;
  }

  /** Open (not paused) windows whose seated staff member has a live session at `now`. */
  serving(now: number): { id: number; staff_id: number }[] {
    return this.s.serving.all(now);
  }

  /** Windows still marked as taken whose staff member has no live session there at `now`. */
  lapsed(now: number): WindowRow[] {
    return this.s.lapsed.all(now);
  }

  /** Store the live-state fields of `w` (state, seat, pause, priority streak). */
  update(w: WindowRow): void {
    this.s.update.run(w);
  }
}
