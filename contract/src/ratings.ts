/**
 * Ratings (好差评, 国办发〔2019〕51号; see shared/DOMAIN.md "Ratings"): the service record of each item handled in a
 * visit, the rating that refers to it, the follow-up case of a bad review, and the indicator list their codes come
 * from. Request bodies, query and answers of `POST /api/ratings`, `GET /api/ratings`, `GET /api/ratings/:id` and
 * `POST /api/ratings/:id/reason`. Personal data only masked. Times are epoch milliseconds.
 */
import { z } from "zod";
import { IdType, isCalendarDate } from "./api.ts";
import { AgentReason } from "./agentWords.ts";
import { ItemKind, ReviewCaseState } from "./enums.ts";
import { StaffRef, WindowRef } from "./events.ts";

const epochMs = z.number().int().nonnegative();

/** 非常不满意 (1), 不满意 (2), 基本满意 (3), 满意 (4), 非常满意 (5). Levels 1 and 2 are bad reviews (差评). */
export const RatingLevel = z
  .number({ error: "level must be a whole number from 1 (非常不满意) to 5 (非常满意)" })
  .int("level must be a whole number from 1 (非常不满意) to 5 (非常满意)")
  .min(1, "level must be from 1 (非常不满意) to 5 (非常满意)")
  .max(5, "level must be from 1 (非常不满意) to 5 (非常满意)");
export type RatingLevel = z.infer<typeof RatingLevel>;

/** The levels' names as the national rules word them, by level. */
export const RATING_LEVEL_NAMES: Readonly<Record<number, string>> = {
  1: "非常不满意",
  2: "不满意",
  3: "基本满意",
  4: "满意",
  5: "非常满意",
};

/** Whether `level` is a bad review (差评): it needs a reason, and opens a follow-up case. */
export const isBadReview = (level: number): boolean => level <= 2;

/**
 * 评价渠道, the provincial codes (not the ticket's channel): 1 PC, 2 mobile, 3 QR code, 4 hall tablet (评价器/平板,
 * the window screen's touch choice), 5 other hall terminal (the evaluation keypad).
 */
export const RatingChannel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
  error: "ratingChannel must be a provincial code 1-5 (4 hall tablet, 5 keypad or other hall terminal)",
});
export type RatingChannel = z.infer<typeof RatingChannel>;

/** One evaluation indicator (评价指标) a rating may name. */
export const RatingIndicator = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, "an indicator code is 1-16 letters, digits, _ or -"),
  name: z.string().min(1).max(60),
  /** The levels it may be chosen for (bad-review reasons: 1 and 2). */
  levels: z.array(RatingLevel).min(1),
});
export type RatingIndicator = z.infer<typeof RatingIndicator>;

/** A versioned indicator list: the default shipped with the hall-server, replaceable by the provincial adapter's. */
export const RatingIndicatorList = z
  .strictObject({
    /** The list's edition, stored with every rating (e.g. "onewindow-2026.11"). */
    version: z.string().trim().min(1).max(40),
    source: z.string().max(200),
    indicators: z.array(RatingIndicator).min(1).max(500),
  })
  .refine((l) => new Set(l.indicators.map((i) => i.code)).size === l.indicators.length, {
    message: "an indicator code is listed twice",
  });
export type RatingIndicatorList = z.infer<typeof RatingIndicatorList>;

const indicatorCodes = z
  .array(z.string().trim().min(1).max(16))
  .max(10, "at most 10 indicator codes")
  .refine((codes) => new Set(codes).size === codes.length, { message: "an indicator code is listed twice" });

/**
 * `POST /api/ratings` (the counter's station agent, with the counter device's token): the citizen's answer for the
 * service that finished at this device's window (`ticketId`, the finished ticket the prompt was armed for). One
 * answer rates every item handled in that visit with the same level. `requestKey` makes a retry answer the same
 * ratings instead of a refusal.
 */
export const SubmitRatingBody = z.strictObject({
  ticketId: z.number().int().positive(),
  level: RatingLevel,
  /** Codes from the indicator list (GET /api/ratings/indicators); levels 1-2 need one or `text`. */
  indicatorCodes: indicatorCodes.optional(),
  text: z.string().trim().max(500, "text is at most 500 characters").optional(),
  /** 5 (the keypad, default) or 4 (the window screen's touch choice). */
  ratingChannel: RatingChannel.optional(),
  requestKey: z.string().min(8).max(64).optional(),
});
export type SubmitRatingBody = z.infer<typeof SubmitRatingBody>;

/** `POST /api/ratings/:id/reason` (the follow-up): the reason a bad review was stored without. */
export const RatingReasonBody = z
  .strictObject({ indicatorCodes: indicatorCodes.optional(), text: z.string().trim().max(500).optional() })
  .refine((b) => (b.indicatorCodes?.length ?? 0) > 0 || (b.text ?? "") !== "", {
    message: "give an indicator code or text: that is the reason",
  });
export type RatingReasonBody = z.infer<typeof RatingReasonBody>;

/** Upload to the level above (the outbox's push). */
export const UpwardState = z.enum(["pending", "sent", "failed"]);
/**
 * Upload to the provincial 好差评 system: `held` while a bad review has no reason (the province refuses it), `rejected`
 * when the province refused it, `local_only` for an item the province does not take.
 */
export const ProvincialState = z.enum(["pending", "held", "sent", "failed", "rejected", "local_only"]);

export const ReviewCaseView = z.strictObject({
  id: z.number().int().positive(),
  state: ReviewCaseState,
  openedAt: epochMs,
  /** The end (local midnight) of the last working day allowed, by the region's rule. */
  deadlineAt: epochMs,
  deadlineWorkingDays: z.number().int().positive(),
  /** Whether the rating still lacks its reason (the follow-up asks the citizen). */
  reasonPending: z.boolean(),
});
export type ReviewCaseView = z.infer<typeof ReviewCaseView>;

/** A rating with every field of its service record (DOMAIN.md), personal data masked. */
export const RatingView = z.strictObject({
  id: z.number().int().positive(),
  serviceRecordId: z.number().int().positive(),
  /** 办件编号: the case number, or the ticket's id when the visit has none. */
  caseNo: z.string(),
  /** This occurrence of the case (the provincial service record's number). */
  serviceNo: z.string(),
  ticketId: z.number().int().positive(),
  ticketNumber: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  handlingCode: z.string(),
  catalogVersion: z.string(),
  departmentCode: z.string(),
  regionCode: z.string().regex(/^\d{12}$/),
  hallId: z.string(),
  window: WindowRef.omit({ id: true }),
  staff: StaffRef,
  applicant: z.strictObject({
    idType: IdType.nullable(),
    idMasked: z.string().nullable(),
    nameMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
  }),
  /** 即办件 (immediate) or 承诺件 (committed). */
  itemKind: ItemKind,
  promisedLimit: z.strictObject({ value: z.number().int().nonnegative(), unit: z.string() }),
  ratingChannel: RatingChannel,
  level: RatingLevel,
  levelName: z.string(),
  indicatorCodes: z.array(z.string()),
  indicatorVersion: z.string(),
  text: z.string(),
  ratedAt: epochMs,
  serviceStart: epochMs,
  serviceEnd: epochMs,
  /** How many times this case (case number and item) was rated, this rating included. */
  timesRated: z.number().int().positive(),
  /** A default rating: nobody answered within the region's delay. */
  isDefault: z.boolean(),
  /** A bad review stored without an indicator or text: its provincial upload is held until one is given. */
  reasonPending: z.boolean(),
  upload: z.strictObject({ upward: UpwardState, provincial: ProvincialState }),
  case: ReviewCaseView.nullable(),
});
export type RatingView = z.infer<typeof RatingView>;

/** `POST /api/ratings`: the ratings made (one per item handled in the visit). */
export const SubmittedRatings = z.strictObject({ ratings: z.array(RatingView).min(1) });
export type SubmittedRatings = z.infer<typeof SubmittedRatings>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((d) => isCalendarDate(d.replaceAll("-", "")), "must be a real calendar date");

/**
 * `GET /api/ratings`: by the hall's service day of the rating (`from`..`to`, inclusive), window number, staff
 * employee number, item code, level, default or not; newest first, `limit` (default 100, at most 1,000) after
 * `beforeId` (paging).
 */
export const RatingsQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  window: z
    .string()
    .regex(/^\d{1,4}$/, "window must be a window number")
    .optional(),
  staff: z.string().trim().min(2).max(32).optional(),
  item: z.string().trim().min(1).max(64).optional(),
  level: z.enum(["1", "2", "3", "4", "5"], { error: "level must be 1-5" }).optional(),
  default: z.enum(["true", "false"], { error: "default must be true or false" }).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "limit must be 1-1000")
    .optional(),
  beforeId: z
    .string()
    .regex(/^\d{1,15}$/, "beforeId must be a rating id")
    .optional(),
});
export type RatingsQuery = z.infer<typeof RatingsQuery>;

export const RatingList = z.strictObject({
  ratings: z.array(RatingView),
  /** More match: ask again with `beforeId` = the last one's id. */
  more: z.boolean(),
});
export type RatingList = z.infer<typeof RatingList>;

/**
 * The rating prompt of one counter, as its station agent tells the window screen (`CounterState.rating`): `armed`
 * while the citizen of the service that finished (`ticketNumber`) may rate it, even while the next citizen is
 * called; `sending` once they chose; `thanks` when the hall took it. It ends (`idle`) when the next service starts,
 * or when the keypad's own timeout ends the on-site prompt (the service then gets the region's default rating later,
 * unless the caller keypad's rating-request key asks again). No personal data.
 */
export const RatingPromptView = z.strictObject({
  state: z.enum(["idle", "armed", "sending", "thanks"]),
  /** The finished service's ticket number (as printed), while armed, sending or thanking. */
  ticketNumber: z.string().nullable(),
  /** The evaluation keypad prompts now (false without a keypad, or once its timeout passed). */
  keypad: z.boolean(),
  /** The level chosen (sending, thanks). */
  level: RatingLevel.nullable(),
  /** Reasons a touch screen offers for a bad review (levels 1-2), from the hall's indicator list. */
  reasons: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  /** A short notice: a key pressed with nothing to rate, a service already rated, the hall unreachable (retrying). */
  notice: AgentReason.nullable(),
});
export type RatingPromptView = z.infer<typeof RatingPromptView>;
