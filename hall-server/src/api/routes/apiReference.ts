/**
 * The API reference. Public: it holds no secrets, and an integrator reads it before holding any token.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { OpenApiDocument } from "../openapi.ts";
import { renderApiDocsPage } from "../apiDocsPage.ts";
import { route, type Route } from "../route.ts";

/** The OpenAPI document's outline (the validator and openapi.test.ts check the rest). */
const OpenApiAnswer = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});

/**
 * The reference's routes: the OpenAPI document, its page, and the /ws protocol. `openApiDocument` gives the document
 * of the whole route table (routes.ts); it is passed in, not imported, because that table holds these routes too. The
 * page and the protocol text are built once per call of this function (once per process): the route table does not
 * change while the server runs.
 */
export function apiReferenceRoutes(openApiDocument: () => OpenApiDocument): Route[] {
  let apiDocsPage: string | undefined;
  let websocketDoc: string | undefined;
  return [
    route({
      method: "get",
      path: "/api/openapi.json",
      summary: "This API as an OpenAPI 3.1 document.",
      answer: OpenApiAnswer,
      access: ["public"],
      rateLimit: "docs",
      handle: () => openApiDocument(),
    }),
    route({
      method: "get",
      path: "/api/docs",
      summary: "This API's reference as a page (no script; works offline).",
      answer: z.string(),
      produces: "text/html",
      access: ["public"],
      rateLimit: "docs",
      handle: () => (apiDocsPage ??= renderApiDocsPage(openApiDocument())),
    }),
    route({
      method: "get",
      path: "/api/docs/websocket.md",
      summary: "The /ws protocol: authentication, since, snapshot, events, close codes (markdown).",
      answer: z.string(),
      produces: "text/plain",
      access: ["public"],
      rateLimit: "docs",
      handle: () => (websocketDoc ??= readFileSync(new URL("../../../docs/websocket.md", import.meta.url), "utf8")),
    }),
  ];
}
