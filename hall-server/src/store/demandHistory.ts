/**
 * What the hall's own history says about demand: when tickets arrived, and how long finished services took. Read-only
 * statements over `tickets`, `requests` and `periods`, prepared once. Both go through the (day, item) index of
 * tickets, so they read one or a few service days, never the whole table.
 */
import type { Db } from "./db.ts";

/** One arrival: the item the ticket was issued for (not the one a transfer moved it to) and when. */
export interface ArrivalRow {
  item_id: number;
  arrived_at: number;
}

/** One finished service of one item: serving time in ms, split evenly over the items handled in the same visit. */
export interface ServiceTimeRow {
  item_id: number;
  ms: number;
}

export class DemandHistory {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      arrivals: db.prepare<[string, number, number], ArrivalRow>(
        "SELECT issued_item_id AS item_id, arrived_at FROM tickets WHERE day = ? AND arrived_at >= ? AND arrived_at <= ?",
      ),
      firstArrival: db.prepare<[string], { at: number | null }>(
        "SELECT min(arrived_at) AS at FROM tickets WHERE day = ?",
      ),
      // The serving periods of each handled request (a hold splits a service into several), divided by the number of
      // requests handled in that visit (一窗综合受理: extra items share the serving time, as the moving estimate does).
      serviceTimes: db.prepare<[string, number], ServiceTimeRow>(
        `SELECT r.item_id AS item_id,
                sum(p.end_at - p.start_at) * 1.0
                  / (SELECT count(*) FROM requests h WHERE h.ticket_id = t.id AND h.handled = 1) AS ms
           FROM tickets t
           JOIN periods p ON p.ticket_id = t.id AND p.kind = 'serving' AND p.end_at IS NOT NULL
           JOIN requests r ON r.id = p.request_id AND r.handled = 1
          WHERE t.day >= ?
          GROUP BY r.id
          ORDER BY max(p.end_at) DESC
          LIMIT ?`,
      ),
    };
  }

  /** Tickets of service day `day` (YYYY-MM-DD) that arrived in [fromMs, toMs] (epoch ms). */
  arrivals(day: string, fromMs: number, toMs: number): ArrivalRow[] {
    return this.s.arrivals.all(day, fromMs, toMs);
  }

  /** When the first ticket of service day `day` arrived (epoch ms), or undefined when none has. */
  firstArrival(day: string): number | undefined {
    return this.s.firstArrival.get(day)?.at ?? undefined;
  }

  /** The latest `limit` finished services (handled requests) of service days from `fromDay` (YYYY-MM-DD) on. */
  serviceTimes(fromDay: string, limit: number): ServiceTimeRow[] {
    return this.s.serviceTimes.all(fromDay, limit);
  }
}
