/**
 * Every endpoint of the hall-server: who may call it, its body, answer and error codes (published as OpenAPI by
 * openapi.ts). Handlers only parse, call a use case, serialise.
 *
 * The routes live by area in routes/*.ts; this file is the one table the app, the OpenAPI document and the tests read.
 * Its order is the order Express matches in (GET /api/tickets/ledger must stand before GET /api/tickets/:id) and the
 * order the OpenAPI document lists the paths in: an area moves only with both in mind.
 */
import packageJson from "../../package.json" with { type: "json" };
import { buildOpenApi, type OpenApiDocument } from "./openapi.ts";
import type { Route } from "./route.ts";
import { adminRoutes } from "./routes/admin.ts";
import { apiReferenceRoutes } from "./routes/apiReference.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { counterRoutes } from "./routes/counter.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { hallStateRoutes } from "./routes/hallState.ts";
import { healthRoutes } from "./routes/health.ts";
import { issuingRoutes } from "./routes/issuing.ts";
import { ratingRoutes } from "./routes/ratings.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { staffRoutes } from "./routes/staff.ts";
import { staffingRoutes } from "./routes/staffing.ts";
import { ticketRoutes } from "./routes/tickets.ts";
import { voiceRoutes } from "./routes/voice.ts";

// The reference is built once per process: the route table does not change while the server runs.
let apiDocument: OpenApiDocument | undefined;
/** The OpenAPI document of this server's routes (cached). */
export const openApiDocument = (): OpenApiDocument => (apiDocument ??= buildOpenApi(routes, packageJson.version));

/** The route table, in matching order (see above). */
export const routes: Route[] = [
  ...healthRoutes,
  ...catalogRoutes,
  ...deviceRoutes,
  ...sessionRoutes,
  ...issuingRoutes,
  ...staffRoutes,
  ...ticketRoutes,
  ...counterRoutes,
  ...ratingRoutes,
  ...appointmentRoutes,
  ...staffingRoutes,
  ...hallStateRoutes,
  ...voiceRoutes,
  ...apiReferenceRoutes(openApiDocument),
  ...adminRoutes,
];
