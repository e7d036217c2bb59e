/**
 * Hall state for screens and consoles: the snapshot, the scrolling notices (supervisors publish and withdraw them)
 * and the event log.
 */
import { EventPage, EventsQuery, HallSnapshot, Notice, NoticeList, PublishNoticeBody } from "@onewindow/contract";
import { AppError } from "../../errors.ts";
import { noticesInForce, publishNotice, withdrawNotice } from "../../services/notices.ts";
import { snapshot } from "../../services/snapshot.ts";
import { actorOf, idParam } from "../principalOf.ts";
import { HALL_WATCHERS, SUPERVISORS, route, type Route } from "../route.ts";

export const hallStateRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/snapshot",
    summary: "The hall's state now (windows, waiting counts, recent calls) and its seq.",
    answer: HallSnapshot,
    access: HALL_WATCHERS,
    handle: ({ ctx }) => snapshot(ctx),
  }),
  route({
    method: "get",
    path: "/api/notices",
    summary: "The scrolling notices in force (not withdrawn, not expired), oldest first.",
    answer: NoticeList,
    access: HALL_WATCHERS,
    handle: ({ ctx }) => ({ notices: noticesInForce(ctx) }),
  }),
  route({
    method: "post",
    path: "/api/notices",
    summary: "Publish a scrolling notice on the hall's screens: 1-300 characters, one line, optional expiresAt.",
    answer: Notice,
    errors: ["conflict"],
    access: SUPERVISORS,
    body: PublishNoticeBody,
    status: 201,
    handle: ({ ctx, principal, body }) => publishNotice(ctx, actorOf(principal), body),
  }),
  route({
    method: "delete",
    path: "/api/notices/:id",
    summary: "Withdraw a scrolling notice: screens drop it (refused when already withdrawn or expired).",
    answer: Notice,
    errors: ["not_found", "invalid_state"],
    access: SUPERVISORS,
    handle: ({ ctx, principal, params }) => withdrawNotice(ctx, actorOf(principal), idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/events",
    summary: "Up to 1,000 events after ?since=<seq>.",
    answer: EventPage,
    access: HALL_WATCHERS,
    query: EventsQuery,
    handle: ({ ctx, query }) => {
      const since = Number(query.since ?? 0);
      if (!Number.isInteger(since) || since < 0)
        throw new AppError("bad_request", "since must be a non-negative integer");
      return { events: ctx.events.since(since, 1000), lastSeq: ctx.events.lastSeq() };
    },
  }),
];
