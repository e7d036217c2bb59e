/**
 * The catalogue (departments, service items, windows): read by every device and staff member, exported and imported
 * by the admin.
 */
import { Catalog, CatalogAnswer, CatalogImportAnswer, CatalogImportQuery } from "@onewindow/contract";
import { exportCatalogJson, importCatalogJson } from "../../services/catalogAdmin.ts";
import { actorOf } from "../principalOf.ts";
import { ADMIN, ANY_AUTHENTICATED, route, type Route } from "../route.ts";

export const catalogRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/catalog",
    summary: "The catalogue (departments, items, windows) without staff.",
    answer: CatalogAnswer,
    access: ANY_AUTHENTICATED,
    handle: ({ ctx }) => exportCatalogJson(ctx, { withStaff: false }),
  }),
  route({
    method: "get",
    path: "/api/catalog/export",
    summary: "The whole catalogue, staff included (never credentials).",
    answer: CatalogAnswer,
    access: ADMIN,
    handle: ({ ctx }) => exportCatalogJson(ctx, { withStaff: true }),
  }),
  route({
    method: "post",
    path: "/api/catalog/import",
    summary: "Import a catalogue (or preview it with ?dryRun=true); refused as destructive unless ?force=true.",
    answer: CatalogImportAnswer,
    errors: ["conflict"],
    access: ADMIN,
    body: Catalog,
    // ?dryRun=true previews the diff and changes nothing; ?force=true applies an import refused as destructive.
    query: CatalogImportQuery,
    handle: ({ ctx, principal, body, query }) =>
      importCatalogJson(ctx, body, {
        ...(query as unknown as CatalogImportQuery),
        caller: actorOf(principal),
      }),
  }),
];
