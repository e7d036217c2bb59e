/** A rating as the read API answers it: the rating, its service record's fields and its case; personal data masked. */
import { IdType, RATING_LEVEL_NAMES, type RatingView, type ReviewCaseView } from "@onewindow/contract";
import type { RatingRow } from "../store/ratingStore.ts";
import type { ReviewCaseRow } from "../store/reviewCaseStore.ts";
import type { HallContext } from "./context.ts";

function caseView(c: ReviewCaseRow, reasonPending: boolean): ReviewCaseView {
  return {
    id: c.id,
    state: c.state,
    openedAt: c.opened_at,
    deadlineAt: c.deadline_at,
    deadlineWorkingDays: c.deadline_working_days,
    reasonPending,
  };
}

/** The view of rating row `r` (its service record and case read from the store). */
export function ratingView(ctx: HallContext, r: RatingRow): RatingView {
  const s = ctx.store.serviceRecords.get(r.service_record_id)!;
  const c = ctx.store.reviewCases.ofRating(r.id);
  const idType = IdType.safeParse(s.applicant_id_type);
  return {
    id: r.id,
    serviceRecordId: s.id,
    caseNo: s.case_no,
    serviceNo: s.service_no,
    ticketId: s.ticket_id,
    ticketNumber: ctx.store.tickets.get(s.ticket_id)?.number ?? "",
    itemCode: s.item_code,
    itemName: s.item_name,
    handlingCode: s.handling_code,
    catalogVersion: s.catalog_version,
    departmentCode: s.department_code,
    regionCode: s.region_code,
    hallId: s.hall_id,
    window: { number: s.window_number, name: s.window_name },
    staff: { employeeNo: s.staff_no, name: s.staff_name },
    applicant: {
      idType: idType.success ? idType.data : null,
      idMasked: s.applicant_id_masked,
      nameMasked: s.applicant_name_masked,
      phoneMasked: s.applicant_phone_masked,
    },
    itemKind: s.item_kind,
    promisedLimit: { value: s.promised_limit, unit: s.promised_unit },
    ratingChannel: r.rating_channel,
    level: r.level,
    levelName: RATING_LEVEL_NAMES[r.level] ?? "",
    indicatorCodes: JSON.parse(r.indicator_codes) as string[],
    indicatorVersion: r.indicator_version,
    text: r.text,
    ratedAt: r.rated_at,
    serviceStart: s.service_start,
    serviceEnd: s.service_end,
    timesRated: r.times_rated,
    isDefault: r.is_default === 1,
    reasonPending: r.reason_pending === 1,
    upload: { upward: r.upward_state, provincial: r.provincial_state },
    case: c ? caseView(c, r.reason_pending === 1) : null,
  };
}
