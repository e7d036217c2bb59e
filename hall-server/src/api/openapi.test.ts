import { validate } from "@readme/openapi-parser";
import { ErrorBody, WsClose } from "@onewindow/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { httpStatusOf } from "../errors.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import { binarySchema, openApiPath, operationIdOf, type OpenApiDocument, type OpenApiOperation } from "./openapi.ts";
import { errorCodesOf, isBinaryRoute, type Route } from "./route.ts";
import { openApiDocument, routes } from "./routes.ts";

const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** `schema` with every `#/components/schemas/X` reference replaced by X itself (the document has no cycles). */
function dereference(doc: OpenApiDocument, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => dereference(doc, s));
  if (schema === null || typeof schema !== "object") return schema;
  const { $ref: ref, ...siblings } = schema as { $ref?: unknown };
  const own = Object.fromEntries(Object.entries(siblings).map(([k, v]) => [k, dereference(doc, v)]));
  if (typeof ref !== "string") return own;
  // JSON Schema 2020-12 lets a reference carry siblings (a default, a description): they apply beside it.
  const name = ref.replace("#/components/schemas/", "");
  expect(doc.components.schemas[name], `component ${name}`).toBeDefined();
  return { ...(dereference(doc, doc.components.schemas[name]) as object), ...own };
}

/** The JSON Schema of `schema` converted on its own, everything inline: what the document must say, once resolved. */
function inlineSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
  return json;
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument();
  const operation = (r: Route): OpenApiOperation | undefined => doc.paths[openApiPath(r.path)]?.[r.method];

  it("when it is checked by an OpenAPI validator, then it is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.specification).toBe("OpenAPI");
    expect(doc.openapi).toBe("3.1.0");
  });

  it("when the route table is read, then the document has exactly its operations (and /ws), each once", () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const wanted = [...routes.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`), "GET /ws"];
    expect(documented.sort()).toEqual(wanted.sort());
    const ids = documented.map((key) => {
      const [method, path] = key.split(" ") as [string, string];
      return doc.paths[path]?.[method.toLowerCase()]?.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(routes.map((r) => [keyOf(r), r] as const))("%s", (_key, r) => {
    it("when its operation is read, then it names the route's roles and security", () => {
      const op = operation(r);
      expect(op).toBeDefined();
      expect(op?.["x-roles"]).toEqual([...r.access]);
      for (const role of r.access) expect(op?.description).toContain(role === "public" ? "anyone" : role);
      if (!r.access.includes("public")) expect(op?.security).toEqual([{ bearerAuth: [] }]);
      else if (r.access.length === 1) expect(op?.security).toEqual([]);
      else expect(op?.security).toContainEqual({});
      if (r.rateLimit) expect(op?.["x-rate-limit"]).toBe(r.rateLimit);
    });

    it("when its body and query are read, then they are the route's schemas (as input)", () => {
      const op = operation(r);
      const body = op?.requestBody?.content["application/json"]?.schema;
      if (r.body) expect(dereference(doc, body)).toEqual(inlineSchema(r.body, "input"));
      else expect(op?.requestBody).toBeUndefined();
      const pathParams = [...r.path.matchAll(/:(\w+)/g)].map(([, name]) => name);
      const queryParams = r.query ? Object.keys((r.query as z.ZodObject).shape) : [];
      expect(op?.parameters?.filter((p) => p.in === "path").map((p) => p.name) ?? []).toEqual(pathParams);
      expect(op?.parameters?.filter((p) => p.in === "query").map((p) => p.name) ?? []).toEqual(queryParams);
    });

    it("when its answer is read, then it is the route's answer schema (as output) under its status and media type", () => {
      const answer = operation(r)?.responses[String(r.status ?? 200)];
      const content = answer?.content?.[r.produces ?? "application/json"];
      expect(content).toBeDefined();
      if (isBinaryRoute(r)) expect(content?.schema).toEqual(binarySchema(r.produces));
      else expect(dereference(doc, content?.schema)).toEqual(inlineSchema(r.answer, "output"));
      expect(Object.keys(answer?.headers ?? {})).toEqual(Object.keys(r.headers ?? {}));
    });

    it("when its errors are read, then every code the route may answer is listed under its HTTP status", () => {
      const op = operation(r);
      const codes = errorCodesOf(r);
      expect(op?.["x-error-codes"]).toEqual(codes);
      const listed = Object.entries(op?.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([status, response]) => {
          const schema = response.content?.["application/json"]?.schema as {
            allOf: unknown[];
            properties: { error: { properties: { code: { enum: string[] } } } };
          };
          expect(dereference(doc, schema.allOf[0])).toEqual(inlineSchema(ErrorBody, "output"));
          return schema.properties.error.properties.code.enum.map((code) => `${status} ${code}`);
        });
      expect(listed.sort()).toEqual(codes.map((c) => `${httpStatusOf(c)} ${c}`).sort());
    });
  });
});

describe("the API reference, served", () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => hall.close());

  it("when /api/openapi.json is fetched without a token, then it is the document generated from the route table", async () => {
    const res = await hall.api<OpenApiDocument>("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("when /api/docs is opened, then one page names every operation with its roles and error codes, links the document and the WebSocket protocol, and loads nothing", async () => {
    const res = await fetch(`${hall.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    for (const r of routes) {
      // Each operation's section names its path, roles and every error code it may answer.
      const start = page.indexOf(`<section id="${operationIdOf(r)}">`);
      const section = page.slice(start, page.indexOf("</section>", start));
      expect(start).toBeGreaterThan(0);
      expect(section).toContain(`<code>${openApiPath(r.path)}</code>`);
      for (const role of r.access) expect(section).toContain(`<code>${role}</code>`);
      for (const code of errorCodesOf(r)) expect(section).toContain(`<code>${code}</code>`);
    }
    expect(page).toContain('href="/api/openapi.json"');
    expect(page).toContain('href="/api/docs/websocket.md"');
    // Offline on a hall LAN: no script, and no stylesheet, font, image or link from another host.
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it("when the WebSocket protocol page is fetched, then it covers the token, since, the snapshot, events and the close codes the server sends", async () => {
    const res = await fetch(`${hall.url}/api/docs/websocket.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    for (const words of ["?token=", "since", "snapshot", "HallEvent", "ServerMessage", "Origin"])
      expect(text).toContain(words);
    for (const close of Object.values(WsClose)) expect(text).toContain(`| ${close.code} | \`${close.reason}\``);
  });
});
