/**
 * Staffing advice for the admin monitor.
 */
import { StaffingAdvice } from "@onewindow/contract";
import { staffingAdvice } from "../../services/staffingAdvice.ts";
import { SUPERVISORS, route, type Route } from "../route.ts";

export const staffingRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/staffing/advice",
    summary:
      "Staffing advice (临时增开窗口): per item group, the windows needed to keep the expected wait under the group's " +
      "target (Erlang C on the live arrival rate and trend, learned handle times and the staff signed in), and whether " +
      "to open or close one now, with the reason in plain words.",
    answer: StaffingAdvice,
    access: SUPERVISORS,
    handle: ({ ctx }) => staffingAdvice(ctx),
  }),
];
