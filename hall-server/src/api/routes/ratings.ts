/**
 * Ratings (好差评): the counter's agent submits the citizen's rating; supervisors read ratings and give a bad
 * review's missing reason.
 */
import {
  RatingIndicatorList,
  RatingList,
  RatingReasonBody,
  RatingsQuery,
  RatingView,
  SubmitRatingBody,
  SubmittedRatings,
} from "@onewindow/contract";
import { addRatingReason, getRating, indicatorList, listRatings, submitRating } from "../../services/ratings.ts";
import { deviceOf, idParam } from "../principalOf.ts";
import { STAFF, SUPERVISORS, route, type Route } from "../route.ts";

export const ratingRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/ratings",
    summary:
      "The counter's agent submits the citizen's rating of the service that finished at its window (one answer rates " +
      "every item handled in the visit); a bad review opens a follow-up case. A retry with the same requestKey " +
      "answers the same ratings; a second rating is refused.",
    answer: SubmittedRatings,
    errors: ["not_found", "invalid_state", "conflict"],
    access: ["counter"],
    body: SubmitRatingBody,
    status: 201,
    handle: ({ ctx, principal, body }) => {
      const d = deviceOf(principal);
      return { ratings: submitRating(ctx, { deviceId: d.deviceId, windowId: d.windowId }, body) };
    },
  }),
  route({
    method: "get",
    path: "/api/ratings",
    summary:
      "Ratings with every field of their service records, personal data masked; filters ?from=&to= (service days), " +
      "window, staff (employee number), item (code), level, default, limit, beforeId.",
    answer: RatingList,
    access: SUPERVISORS,
    query: RatingsQuery,
    handle: ({ ctx, query }) => listRatings(ctx, query as RatingsQuery),
  }),
  route({
    method: "get",
    path: "/api/ratings/indicators",
    summary: "The evaluation indicator list ratings are checked against (versioned), for the window screen's reasons.",
    answer: RatingIndicatorList,
    access: ["counter", ...STAFF],
    handle: () => indicatorList(),
  }),
  route({
    method: "get",
    path: "/api/ratings/:id",
    summary: "One rating with every field of its service record and its case, personal data masked.",
    answer: RatingView,
    errors: ["not_found"],
    access: SUPERVISORS,
    handle: ({ ctx, params }) => getRating(ctx, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/ratings/:id/reason",
    summary:
      "The follow-up gives a bad review's missing reason: its provincial upload is released, its case records it.",
    answer: RatingView,
    errors: ["not_found", "conflict"],
    access: SUPERVISORS,
    body: RatingReasonBody,
    handle: ({ ctx, params, body }) => addRatingReason(ctx, idParam(params), body),
  }),
];
