/**
 * The OpenAPI 3.1 document of the hall-server REST API, generated from the route table (routes.ts) and the zod
 * schemas in `@onewindow/contract`, so the document cannot drift from what the server checks and answers.
 *
 *   routes.ts (method, path, access, rateLimit, body, query, answer, errors, summary)
 *     + contract's exported zod schemas (named components)
 *     -> z.toJSONSchema per body (io "input") and answer (io "output"), named schemas pulled out as $defs
 *     -> paths + components.schemas   -> GET /api/openapi.json, and the page at GET /api/docs (apiDocsPage.ts)
 *
 * Why zod 4's own `z.toJSONSchema` and not a library such as zod-openapi: OpenAPI 3.1 takes JSON Schema 2020-12 as
 * its schema dialect, which `z.toJSONSchema` emits natively (input and output views, named `$defs` from a
 * registry), and it is maintained with the zod we validate with, so the published schema is the checking schema.
 * What a library would add beyond that (paths, parameters, security) is specific to our `Route` type either way
 * and is the small walk below; one dependency fewer for a LAN server.
 */
import * as contract from "@onewindow/contract";
import { z } from "zod";
import { httpStatusOf } from "../errors.ts";
import { binaryTypesOf, errorCodesOf, isBinaryRoute, type Route } from "./route.ts";

/** A JSON Schema object as it sits in the document. */
type JsonSchema = Record<string, unknown>;

/** The generated document (OpenAPI 3.1.0); typed loosely: it is data for clients and the validator. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  [key: string]: unknown;
}

/** One operation, with the hall's extensions: `x-roles` (who may call), `x-error-codes`, `x-rate-limit`. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  "x-roles": string[];
  "x-error-codes": string[];
  "x-rate-limit"?: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: "path" | "query"; required: boolean; schema: JsonSchema; description?: string }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    {
      description: string;
      content?: Record<string, { schema: JsonSchema }>;
      headers?: Record<string, { description: string; schema: JsonSchema }>;
    }
  >;
}

/** `/api/tickets/:id` -> `/api/tickets/{id}` (OpenAPI path templating). */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, "{$1}");
}

/** `post /api/counter/call-next` -> `post_api_counter_call_next`: unique per route, stable across builds. */
export function operationIdOf(r: Pick<Route, "method" | "path">): string {
  return `${r.method}${r.path.replace(/[^A-Za-z0-9]+/g, "_")}`.replace(/_$/, "");
}

const COMPONENT = "#/components/schemas/";

/** `ticket.called` -> `TicketCalledEvent` (a component name for one event of the union). */
const eventName = (type: string) =>
  type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("") + "Event";

/**
 * Every zod schema the contract exports, by export name (first name wins for an alias such as
 * CallTicketBody = TicketChoiceBody), plus each event of `HallEvent` by its type. Descriptions given with `.meta()`
 * are carried over.
 */
function namedSchemas(): z.core.$ZodRegistry<{ id: string; description?: string }> {
  const registry = z.registry<{ id: string; description?: string }>();
  const add = (schema: z.ZodType, id: string) => {
    if (!registry.has(schema)) registry.add(schema, { ...z.globalRegistry.get(schema), id });
  };
  for (const [name, value] of Object.entries(contract).sort(([a], [b]) => a.localeCompare(b)))
    if (value instanceof z.ZodType) add(value, name);
  for (const option of contract.HallEvent.options) add(option, eventName(option.shape.type.value));
  return registry;
}

/**
 * Builds the document's schemas: each `schema(s, io)` call returns the JSON Schema to place in an operation (a
 * `$ref` for a named one) and gathers the named ones it uses into `components`. Answers are converted before
 * bodies: where a schema reads differently as input (defaults optional, transforms' inputs) than as output, the
 * input view is named `<Name>Input`.
 */
function schemaBuilder() {
  const registry = namedSchemas();
  const components: Record<string, JsonSchema> = {};
  const rewrite = (node: unknown, rename: (name: string) => string): unknown => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, rename));
    if (node === null || typeof node !== "object") return node;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$schema") continue;
      out[k] =
        k === "$ref" && typeof v === "string" ? COMPONENT + rename(v.replace("#/$defs/", "")) : rewrite(v, rename);
    }
    return out;
  };
  // Each component's schema with every reference resolved, to tell an input view from the output view of one name.
  const resolved: Record<string, string> = {};
  const schema = (s: z.ZodType, io: "input" | "output"): JsonSchema => {
    // "throw": a schema the document cannot express (a transform's output, say) fails the build and its test.
    const json = z.toJSONSchema(s, { io, metadata: registry, target: "draft-2020-12", unrepresentable: "throw" });
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    const inline = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(inline);
      if (node === null || typeof node !== "object") return node;
      const { $ref: ref, ...siblings } = node as { $ref?: unknown };
      const own = Object.fromEntries(Object.entries(siblings).map(([k, v]) => [k, inline(v)]));
      return typeof ref === "string" ? { ...(inline(defs[ref.replace("#/$defs/", "")]) as object), ...own } : own;
    };
    const names = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) {
      const full = JSON.stringify(inline(def));
      const taken = resolved[name] !== undefined && resolved[name] !== full;
      if (taken && io === "output") throw new Error(`two output schemas are both named ${name}`);
      const final = taken ? `${name}Input` : name;
      names.set(name, final);
      resolved[final] = full;
    }
    const rename = (n: string) => names.get(n) ?? n;
    for (const [name, def] of Object.entries(defs)) components[rename(name)] = rewrite(def, rename) as JsonSchema;
    return rewrite(json, rename) as JsonSchema;
  };
  /** A schema of the document with a top-level reference resolved (for reading a query's properties). */
  const resolve = (s: JsonSchema): JsonSchema =>
    typeof s.$ref === "string" ? (components[s.$ref.replace(COMPONENT, "")] ?? {}) : s;
  return { schema, resolve, components };
}

const ROLE_TEXT: Record<string, string> = {
  public: "anyone (no token)",
  kiosk: "kiosk device",
  counter: "counter device",
  screen: "screen device",
  gateway: "online-hall gateway device",
  staff: "staff",
  supervisor: "supervisor",
  admin: "admin",
};

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed (see Allow)",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests (see Retry-After)",
  500: "Internal error",
  503: "Service unavailable",
};

const DESCRIPTION = `The REST API of a OneWindow hall-server: queue commands for kiosks, counters, screens, the
online hall and the admin page. Generated from the server's route table and the zod schemas of \`@onewindow/contract\`
(the schemas the server validates with and the API tests check every answer against).

**Authentication.** \`Authorization: Bearer <token>\`: a device token (from \`POST /api/devices/pair\`) or a staff
session token (from \`POST /api/auth/login\`). Each operation lists who may call it in \`x-roles\` and its
description; \`public\` needs no token. A malformed, unknown, revoked or expired token is refused with 401 on every
route, public ones included.

**Errors.** Every refusal is \`{"error": {"code", "message", "details"?}}\` (\`ErrorBody\`); the HTTP status is fixed
per code. Each operation lists its codes in \`x-error-codes\` and its error responses. Bodies are strict JSON
objects sent as \`application/json\` (any other body is 415 \`unsupported_media_type\`, over 2 MB 413
\`payload_too_large\`): an unknown key is refused with 400 \`bad_request\` naming its path. A method a path does
not support is 405 \`method_not_allowed\` with an \`Allow\` header; an unknown path is 404 \`not_found\`.

**Live events.** \`GET /ws?token=<token>[&since=<seq>]\` upgrades to a WebSocket that sends a snapshot and then
every event (\`ServerMessage\`, \`HallEvent\`); the protocol (authentication, \`since\`, close codes) is described at
[/api/docs/websocket.md](/api/docs/websocket.md). Times are epoch milliseconds unless a schema says otherwise.`;

/** The OpenAPI 3.1 document for `routes` (every method, path, role, body, query, answer and error code). */
export function buildOpenApi(routes: readonly Route[], version: string): OpenApiDocument {
  const { schema, resolve, components } = schemaBuilder();
  const errorBodyRef = schema(contract.ErrorBody, "output");
  const paths: OpenApiDocument["paths"] = {};
  // A binary answer is its bytes (JSON Schema 2020-12 `contentMediaType`), one entry per media type it may be; its
  // zod check is not a JSON shape.
  const outputs = routes.map((r) =>
    isBinaryRoute(r)
      ? binaryContent(binaryTypesOf(r))
      : { [typeof r.produces === "string" ? r.produces : "application/json"]: { schema: schema(r.answer, "output") } },
  );
  const wsMessages = schema(contract.ServerMessage, "output");

  routes.forEach((r, n) => {
    const codes = errorCodesOf(r);
    const publicOnly = r.access.length === 1 && r.access[0] === "public";
    const parameters: NonNullable<OpenApiOperation["parameters"]> = [...r.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name: name ?? "",
      in: "path" as const,
      required: true,
      schema:
        name === "id" || name === "number" || name === "seq" ? { type: "integer", minimum: 1 } : { type: "string" },
    }));
    if (r.query) {
      const q = resolve(schema(r.query, "input")) as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, s] of Object.entries(q.properties ?? {}))
        parameters.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema: s });
    }
    const byStatus = new Map<number, string[]>();
    for (const code of codes) byStatus.set(httpStatusOf(code), [...(byStatus.get(httpStatusOf(code)) ?? []), code]);
    const responses: OpenApiOperation["responses"] = {
      [String(r.status ?? 200)]: {
        description: r.summary,
        content: outputs[n] ?? {},
        ...(r.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(r.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: "string" } },
                ]),
              ),
            }
          : {}),
      },
    };
    for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b))
      responses[String(status)] = {
        description: `${STATUS_TEXT[status] ?? "Error"}: ${group.join(", ")}`,
        content: {
          "application/json": {
            schema: {
              allOf: [errorBodyRef],
              properties: { error: { properties: { code: { enum: group } } } },
            },
          },
        },
      };
    const roles = r.access.map((a) => ROLE_TEXT[a] ?? a).join(", ");
    const operation: OpenApiOperation = {
      operationId: operationIdOf(r),
      summary: r.summary,
      description:
        `Who may call: ${roles}.` +
        (r.rateLimit ? ` Rate-limited (\`${r.rateLimit}\`): 429 with Retry-After when spent.` : "") +
        (r.groupCommit ? " May share its transaction with concurrent changes (group commit)." : ""),
      tags: [tagOf(r.path)],
      "x-roles": [...r.access],
      "x-error-codes": codes,
      ...(r.rateLimit ? { "x-rate-limit": r.rateLimit } : {}),
      security: publicOnly ? [] : r.access.includes("public") ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schema(r.body, "input") } } } }
        : r.rawBody
          ? { requestBody: { required: true, content: binaryContent(r.rawBody.mediaTypes) } }
          : {}),
      responses,
    };
    (paths[openApiPath(r.path)] ??= {})[r.method] = operation;
  });

  // The WebSocket stream is not a REST route; it is listed so the reference names it, with its messages' schema.
  paths["/ws"] = {
    get: {
      operationId: "get_ws",
      summary: "Live events over WebSocket (snapshot, then every event).",
      description:
        "Who may call: kiosk, counter and screen devices, staff, supervisor, admin. Upgrades to a WebSocket; the " +
        "server sends ServerMessage frames. See [/api/docs/websocket.md](/api/docs/websocket.md) for `since`, the " +
        "snapshot, the close codes 4401 and 1001, and reconnecting.",
      tags: ["realtime"],
      "x-roles": ["kiosk", "counter", "screen", "staff", "supervisor", "admin"],
      "x-error-codes": [],
      security: [],
      parameters: [
        {
          name: "token",
          in: "query",
          required: true,
          schema: { type: "string" },
          description: "Device or staff token",
        },
        {
          name: "since",
          in: "query",
          required: false,
          schema: { type: "string", pattern: "^\\d+$" },
          description: "The last seq the client has: the events after it follow instead of a snapshot",
        },
      ],
      responses: {
        "101": {
          description: "Switching Protocols; then one JSON text frame per ServerMessage",
          content: { "application/json": { schema: wsMessages } },
        },
        "400": { description: "The request target is not a /path" },
        "401": { description: "No /ws, or an unknown, revoked or expired token" },
        "403": { description: "A browser Origin that is not allowed, or a role that may not watch (gateway)" },
      },
    },
  };

  return {
    openapi: "3.1.0",
    info: { title: "OneWindow hall-server API", version, description: DESCRIPTION },
    servers: [{ url: "/", description: "This hall-server" }],
    tags: [...new Set(routes.map((r) => tagOf(r.path))), "realtime"].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "A device token (POST /api/devices/pair) or a staff session token (POST /api/auth/login).",
        },
      },
    },
  };
}

/** The schema of a binary body or answer of `mediaType`: a string of its bytes. */
export function binarySchema(mediaType: string): JsonSchema {
  return { type: "string", contentMediaType: mediaType };
}

/** Content of a body or answer that is a file's bytes, one entry per media type it may be. */
export function binaryContent(mediaTypes: readonly string[]): Record<string, { schema: JsonSchema }> {
  return Object.fromEntries(mediaTypes.map((t) => [t, { schema: binarySchema(t) }]));
}

/** The reference's section of a path: `/api/counter/call` -> `counter`, `/health` -> `health`. */
function tagOf(path: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== "api");
  return parts[0] === "public" ? "public" : (parts[0] ?? "root");
}
