/**
 * Administration: erasing personal data past its retention period.
 */
import { PurgeCounts } from "@onewindow/contract";
import { purgePersonalData } from "../../services/maintenance.ts";
import { ADMIN, route, type Route } from "../route.ts";
import { EmptyBody } from "./shared.ts";

export const adminRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/admin/purge",
    summary: "Erase personal data past its retention period.",
    answer: PurgeCounts,
    access: ADMIN,
    body: EmptyBody,
    handle: ({ ctx }) => purgePersonalData(ctx),
  }),
];
