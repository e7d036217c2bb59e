/**
 * Ratings (好差评): the citizen's answer for a finished service, default ratings for the unrated, the read API, and
 * the reason of a bad review given later. One answer rates every service record of the visit with the same level;
 * each rating, with its outbox row and (for a bad review) its case, is written in one transaction.
 *
 *   counter agent --POST /api/ratings--> submitRating --> checks (indicators, finished service at this window, not
 *     rated yet) --> per service record: rating row + outbox "created" [+ case] --> rating.recorded [+ review_case.opened]
 *   housekeeping timer --> sweepDefaultRatings --> unrated records past the region's delay --> default ratings
 */
import { DEFAULT_INDICATORS, defaultDue, indicatorProblem, provincialStateOf, reasonPending } from "../domain/index.ts";
import {
  isBadReview,
  type RatingList,
  type RatingReasonBody,
  type RatingsQuery,
  type RatingView,
  type SubmitRatingBody,
} from "@onewindow/contract";
import { AppError } from "../errors.ts";
import type { RatingRow } from "../store/ratingStore.ts";
import type { ServiceRecordRow } from "../store/serviceRecordStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { hallId } from "./hallIdentity.ts";
import { ratingView } from "./ratingViews.ts";
import { caseReasonAdded, openReviewCase } from "./reviewCases.ts";
import { serviceDay } from "./serviceDay.ts";
import { getTicket } from "./tickets.ts";
import { staffRef, windowRef } from "./views.ts";

/** The indicator list ratings are checked against and stamped with (the default shipped in domain/ratings). */
export const indicatorList = () => DEFAULT_INDICATORS;

/** The answer to rate with: level, reason, channel; `deviceId` null for a default. */
interface Answer {
  level: number;
  indicatorCodes: string[];
  text: string;
  channel: 1 | 2 | 3 | 4 | 5;
  isDefault: boolean;
  deviceId: number | null;
  requestKey: string | null;
}

/** Inside `tx`: rate every record of one visit with `answer`; returns the rating rows in record order. */
function rateWithin(ctx: HallContext, tx: Tx, records: ServiceRecordRow[], answer: Answer): RatingRow[] {
  const pending = reasonPending(answer.level, answer.indicatorCodes, answer.text);
  const hall = hallId(ctx);
  const rows = records.map((record) => {
    const id = ctx.store.ratings.insert({
      service_record_id: record.id,
      level: answer.level,
      indicator_codes: JSON.stringify(answer.indicatorCodes),
      indicator_version: indicatorList().version,
      text: answer.text,
      rating_channel: answer.channel,
      rated_at: tx.now,
      day: serviceDay(ctx, tx.now),
      times_rated: ctx.store.ratings.timesRated(record.case_no, record.item_code) + 1,
      is_default: answer.isDefault ? 1 : 0,
      reason_pending: pending ? 1 : 0,
      provincial_state: provincialStateOf(pending, record.local_only === 1),
      device_id: answer.deviceId,
      request_key: answer.requestKey,
    });
    const row = ctx.store.ratings.get(id)!;
    ctx.store.outbox.append(hall, "rating", id, "created", { ...row, serviceNo: record.service_no }, tx.now);
    if (isBadReview(answer.level)) openReviewCase(ctx, tx, row, record);
    return row;
  });
  const first = records[0]!;
  tx.emit({
    type: "rating.recorded",
    data: {
      ticketId: first.ticket_id,
      number: getTicket(ctx, first.ticket_id).number,
      window: windowRef(ctx, first.window_id),
      staff: staffRef(ctx, first.staff_id),
      level: answer.level,
      isDefault: answer.isDefault,
      reasonPending: pending,
      ratingIds: rows.map((r) => r.id),
    },
  });
  return rows;
}

/** Refuse indicator codes the list does not have, or does not offer for `level` (400, naming the code). */
function checkIndicators(codes: readonly string[], level: number): void {
  const problem = indicatorProblem(indicatorList(), codes, level);
  if (problem) throw new AppError("bad_request", problem);
}

/**
 * The counter at window `windowId` (device `deviceId`) submits the citizen's answer for the service that finished
 * there (ticket `body.ticketId`): one rating per service record of that visit, all at `body.level`. A bad review
 * without indicator or text is stored flagged "reason pending" (its provincial upload held) and every bad review
 * opens a case. A retry with the same `requestKey` answers the same ratings.
 * Throws AppError: bad_request (an unknown indicator code, or one not offered for the level), not_found (no such
 * ticket), forbidden (served at another window, or a device without a window), invalid_state (the ticket's service
 * has not finished, or it finished without a service record), conflict (already rated, by the citizen or by default).
 */
export function submitRating(
  ctx: HallContext,
  device: { deviceId: number; windowId: number | null },
  body: SubmitRatingBody,
): RatingView[] {
  const codes = body.indicatorCodes ?? [];
  checkIndicators(codes, body.level);
  const windowId = device.windowId;
  if (windowId === null) throw new AppError("forbidden", "this counter device has no window: pair it for a window");
  const rows = ctx.commit((tx) => {
    const t = getTicket(ctx, body.ticketId);
    const records = ctx.store.serviceRecords.ofTicket(t.id);
    if (records.length === 0)
      throw new AppError(
        "invalid_state",
        t.state === "done"
          ? `ticket ${t.number} finished without a service record (before ratings were recorded): it cannot be rated`
          : `ticket ${t.number} has no finished service to rate (it is ${t.state}): finish the service first`,
      );
    const servedAt = records[0]!.window_id;
    if (servedAt !== windowId) {
      const here = ctx.catalog.windowsById.get(windowId)?.number;
      throw new AppError(
        "forbidden",
        `ticket ${t.number} was served at window ${records[0]!.window_number}, not at this counter's window ${here ?? "?"}`,
      );
    }
    const earlier = records.map((r) => ctx.store.ratings.ofRecord(r.id));
    if (earlier.some((r) => r !== undefined)) {
      const replay =
        body.requestKey !== undefined &&
        earlier.every((r) => r !== undefined && r.request_key === body.requestKey && r.device_id === device.deviceId);
      if (replay) return earlier as RatingRow[];
      const first = earlier.find((r) => r !== undefined)!;
      throw new AppError(
        "conflict",
        first.is_default === 1
          ? `ticket ${t.number} was already given a default rating (rating ${first.id}): a service is rated once`
          : `ticket ${t.number} was already rated (rating ${first.id}, level ${first.level}): a service is rated once`,
      );
    }
    return rateWithin(ctx, tx, records, {
      level: body.level,
      indicatorCodes: codes,
      text: body.text ?? "",
      channel: body.ratingChannel ?? 5,
      isDefault: false,
      deviceId: device.deviceId,
      requestKey: body.requestKey ?? null,
    });
  });
  return rows.map((r) => ratingView(ctx, r));
}

/** Records the sweep rates in one transaction at most (a backlog after a long outage is worked off in batches). */
const SWEEP_BATCH = 200;

/**
 * Give every service still unrated `ratings.defaultRating.afterMinutes` after it ended a default rating at the
 * region's level (Guangdong: 3, 基本满意), flagged default, stamped now (never back-dated). Returns how many ratings
 * it made; 0 when the region has no default rating. Run by the server's housekeeping timer on the hall's clock.
 */
export function sweepDefaultRatings(ctx: HallContext): number {
  const rule = ctx.config.ratings.defaultRating;
  if (rule === null) return 0;
  const delayMs = rule.afterMinutes * 60_000;
  let made = 0;
  for (;;) {
    const now = ctx.clock();
    if (ctx.store.serviceRecords.unratedEndedBy(now - delayMs, 1).length === 0) return made;
    const batch = ctx.commit((tx) => {
      const due = ctx.store.serviceRecords
        .unratedEndedBy(tx.now - delayMs, SWEEP_BATCH)
        .filter((r) => defaultDue(r.service_end, delayMs, tx.now));
      // One visit's records together, so its one rating.recorded event names them all.
      const visits = new Map<number, ServiceRecordRow[]>();
      for (const r of due) visits.set(r.ticket_id, [...(visits.get(r.ticket_id) ?? []), r]);
      for (const records of visits.values())
        rateWithin(ctx, tx, records, {
          level: rule.level,
          indicatorCodes: [],
          text: "",
          channel: 5,
          isDefault: true,
          deviceId: null,
          requestKey: null,
        });
      return due.length;
    });
    made += batch;
    if (batch < SWEEP_BATCH) return made;
  }
}

/** `GET /api/ratings`: the ratings matching `q`, newest first (see RatingsQuery). */
export function listRatings(ctx: HallContext, q: RatingsQuery): RatingList {
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  if (limit < 1 || limit > 1000) throw new AppError("bad_request", "limit must be 1-1000");
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw new AppError("bad_request", `from ${q.from} is after to ${q.to}`);
  const rows = ctx.store.ratings.list(
    {
      fromDay: q.from,
      toDay: q.to,
      windowNumber: q.window === undefined ? undefined : Number(q.window),
      staffNo: q.staff,
      itemCode: q.item,
      level: q.level === undefined ? undefined : Number(q.level),
      isDefault: q.default === undefined ? undefined : q.default === "true",
      beforeId: q.beforeId === undefined ? undefined : Number(q.beforeId),
    },
    limit + 1,
  );
  return { ratings: rows.slice(0, limit).map((r) => ratingView(ctx, r)), more: rows.length > limit };
}

/** `GET /api/ratings/:id`. Throws AppError not_found. */
export function getRating(ctx: HallContext, id: number): RatingView {
  const r = ctx.store.ratings.get(id);
  if (!r) throw new AppError("not_found", `no rating with id ${id}`);
  return ratingView(ctx, r);
}

/**
 * The follow-up gives the reason of bad review `id` stored without one: the reason is recorded, the provincial upload
 * released, the case records the change; outbox rows and a `review_case.changed` event in the same transaction.
 * Throws AppError not_found, bad_request (indicator codes), conflict (not a bad review, or its reason is given).
 */
export function addRatingReason(ctx: HallContext, id: number, body: RatingReasonBody): RatingView {
  const row = ctx.commit((tx) => {
    const r = ctx.store.ratings.get(id);
    if (!r) throw new AppError("not_found", `no rating with id ${id}`);
    if (r.reason_pending === 0)
      throw new AppError(
        "conflict",
        isBadReview(r.level)
          ? `rating ${id} has its reason already`
          : `rating ${id} is level ${r.level}, not a bad review: it needs no reason`,
      );
    const codes = body.indicatorCodes ?? [];
    checkIndicators(codes, r.level);
    const record = ctx.store.serviceRecords.get(r.service_record_id)!;
    ctx.store.ratings.setReason(
      id,
      JSON.stringify(codes),
      body.text ?? "",
      record.local_only ? "local_only" : "pending",
    );
    const updated = ctx.store.ratings.get(id)!;
    ctx.store.outbox.append(
      hallId(ctx),
      "rating",
      id,
      "reason_added",
      { ...updated, serviceNo: record.service_no },
      tx.now,
    );
    caseReasonAdded(ctx, tx, id);
    return updated;
  });
  return ratingView(ctx, row);
}
