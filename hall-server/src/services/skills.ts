/** Supervisors assign staff skills: items with a weight 1-10. */
import type { Skill } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import type { HallContext } from "./context.ts";
import { staffRef } from "./views.ts";

/** Replace a staff member's skills; unknown items are refused and nothing changes. */
export function setSkills(
  ctx: HallContext,
  actorStaffId: number,
  employeeNo: string,
  skills: Skill[],
): { employeeNo: string; skills: Skill[] } {
  const staff = ctx.catalog.staffByNo.get(employeeNo);
  if (!staff?.active) throw new AppError("not_found", `no active staff member ${employeeNo}`);
  const items = skills.map((s) => {
    const item = ctx.catalog.item(s.itemCode);
    if (!item) throw new AppError("bad_request", `skills: unknown item ${s.itemCode}`);
    return { id: item.id, weight: s.weight };
  });
  ctx.commit((tx) => {
    ctx.store.catalog.replaceSkills(
      staff.id,
      items.map((i) => ({ itemId: i.id, weight: i.weight })),
    );
    ctx.store.audit.record(tx.now, `staff:${actorStaffId}`, "set_skills", { employeeNo, skills });
    tx.emit({
      type: "staff.skills_changed",
      data: {
        staff: staffRef(ctx, staff.id),
        skills: skills.map((s) => ({ itemCode: s.itemCode, weight: s.weight })),
        by: staffRef(ctx, actorStaffId),
      },
    });
    tx.after(() => (staff.skills = new Map(items.map((i) => [i.id, i.weight]))));
  });
  return { employeeNo, skills };
}
