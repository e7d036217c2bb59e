/**
 * Scrolling notices (滚动通知) on the hall's screens: a supervisor or admin (or the operator at the CLI) publishes
 * one, screens show it until it is withdrawn or its `expiresAt` passes on the hall's clock. The text rules (1..300
 * characters after trimming, one line, no control characters) are the contract's `PublishNoticeBody`, checked at the
 * edge; this use case checks what needs the clock and the database.
 */
import type { Notice, PublishNoticeBody } from "@onewindow/contract";
import { isoTime } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { NoticeRow } from "../store/noticeStore.ts";
import type { HallContext } from "./context.ts";
import { CLI_OPERATOR_REF, staffRef } from "./views.ts";

/** Who acts: a signed-in supervisor or admin, or the hall's operator at the CLI. */
export type NoticeActor = { staffId: number } | "cli";

/**
 * At most this many notices in force at once: a screen scrolls them in turn, and every snapshot carries them all,
 * so a runaway script cannot bloat what 1,000 screens receive on every reconnect.
 */
export const MAX_NOTICES_IN_FORCE = 20;

const staffIdOf = (actor: NoticeActor) => (actor === "cli" ? null : actor.staffId);

function noticeView(ctx: HallContext, row: NoticeRow): Notice {
  return {
    id: row.id,
    text: row.text,
    publishedAt: row.published_at,
    expiresAt: row.expires_at,
    by: row.published_by_staff === null ? CLI_OPERATOR_REF : staffRef(ctx, row.published_by_staff),
  };
}

/** The notices in force at `now` (default: the hall's clock): neither withdrawn nor expired, oldest first. */
export function noticesInForce(ctx: HallContext, now = ctx.clock()): Notice[] {
  return ctx.store.notices.inForce(now).map((row) => noticeView(ctx, row));
}

/**
 * Publish a notice (audited; event `notice.published`). Throws AppError `bad_request` when `expiresAt` is not in
 * the future, `conflict` when MAX_NOTICES_IN_FORCE are already in force.
 */
export function publishNotice(ctx: HallContext, actor: NoticeActor, body: PublishNoticeBody): Notice {
  return ctx.commit((tx) => {
    if (body.expiresAt !== undefined && body.expiresAt <= tx.now)
      throw new AppError(
        "bad_request",
        `expiresAt: ${isoTime(body.expiresAt)} is not in the future (now ${isoTime(tx.now)})`,
      );
    if (ctx.store.notices.inForce(tx.now).length >= MAX_NOTICES_IN_FORCE)
      throw new AppError(
        "conflict",
        `${MAX_NOTICES_IN_FORCE} notices are already on the screens: withdraw one before publishing another`,
      );
    const row = ctx.store.notices.insert({
      text: body.text,
      publishedAt: tx.now,
      expiresAt: body.expiresAt ?? null,
      byStaff: staffIdOf(actor),
    });
    const notice = noticeView(ctx, row);
    ctx.store.audit.record(tx.now, actor === "cli" ? "cli" : `staff:${actor.staffId}`, "publish_notice", {
      noticeId: row.id,
    });
    tx.emit({ type: "notice.published", data: { notice } });
    return notice;
  });
}

/**
 * Withdraw a notice in force (audited; event `notice.withdrawn`); returns it as it was. Throws AppError `not_found`
 * for an unknown id, `invalid_state` for one already withdrawn or expired (screens no longer show it).
 */
export function withdrawNotice(ctx: HallContext, actor: NoticeActor, id: number): Notice {
  return ctx.commit((tx) => {
    const row = ctx.store.notices.get(id);
    if (!row) throw new AppError("not_found", `no notice ${id}`);
    if (row.withdrawn_at !== null) throw new AppError("invalid_state", `notice ${id} was already withdrawn`);
    if (row.expires_at !== null && row.expires_at <= tx.now)
      throw new AppError("invalid_state", `notice ${id} already expired at ${isoTime(row.expires_at)}`);
    ctx.store.notices.withdraw(id, tx.now, staffIdOf(actor));
    const by = actor === "cli" ? CLI_OPERATOR_REF : staffRef(ctx, actor.staffId);
    ctx.store.audit.record(tx.now, actor === "cli" ? "cli" : `staff:${actor.staffId}`, "withdraw_notice", {
      noticeId: id,
    });
    tx.emit({ type: "notice.withdrawn", data: { noticeId: id, by } });
    return noticeView(ctx, row);
  });
}
