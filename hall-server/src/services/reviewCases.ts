/**
 * Follow-up cases of bad reviews: every rating at level 1-2 opens one, due by the region's working-day deadline
 * (config `ratings.caseDeadlineWorkingDays`, default 15). The case and each change are events and outbox rows, in the
 * rating's transaction. Supervision (roadmap) moves it through verify -> rectify -> reply -> review.
 */
import type { RatingRow } from "../store/ratingStore.ts";
import type { ServiceRecordRow } from "../store/serviceRecordStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { hallId } from "./hallIdentity.ts";
import { workingDaysDeadline } from "./serviceDay.ts";
import { staffRef, windowRef } from "./views.ts";

/** Inside `tx`: open the case of bad review `rating` of `record`, append it to the outbox, emit the event. */
export function openReviewCase(ctx: HallContext, tx: Tx, rating: RatingRow, record: ServiceRecordRow): number {
  const days = ctx.config.ratings.caseDeadlineWorkingDays;
  const deadlineAt = workingDaysDeadline(ctx, tx.now, days);
  const id = ctx.store.reviewCases.open(rating.id, tx.now, deadlineAt, days);
  const row = ctx.store.reviewCases.get(id)!;
  ctx.store.outbox.append(hallId(ctx), "review_case", id, "opened", { ...row, serviceNo: record.service_no }, tx.now);
  tx.emit({
    type: "review_case.opened",
    data: {
      caseId: id,
      ratingId: rating.id,
      window: windowRef(ctx, record.window_id),
      staff: staffRef(ctx, record.staff_id),
      level: rating.level,
      state: row.state,
      deadlineAt,
    },
  });
  return id;
}

/** Inside `tx`: the bad review of `ratingId` got its reason; its case (if any) records the change. */
export function caseReasonAdded(ctx: HallContext, tx: Tx, ratingId: number): void {
  const c = ctx.store.reviewCases.ofRating(ratingId);
  if (!c) return;
  ctx.store.reviewCases.touch(c.id, tx.now);
  ctx.store.outbox.append(hallId(ctx), "review_case", c.id, "reason_added", ctx.store.reviewCases.get(c.id), tx.now);
  tx.emit({ type: "review_case.changed", data: { caseId: c.id, ratingId, state: c.state, change: "reason_added" } });
}
