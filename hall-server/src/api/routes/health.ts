/**
 * The liveness route: station agents and the kiosks' fallback page probe it to tell a running hall-server from none.
 */
import { OkAnswer } from "@onewindow/contract";
import { route, type Route } from "../route.ts";
import { OK } from "./shared.ts";

export const healthRoutes: Route[] = [
  route({
    method: "get",
    path: "/health",
    summary: "Liveness: the server is up.",
    answer: OkAnswer,
    access: ["public"],
    rateLimit: "health",
    handle: () => OK,
  }),
];
