/**
 * The API reference as one HTML page (GET /api/docs), rendered on the server from the OpenAPI document: no script,
 * no font or stylesheet from anywhere, so it reads the same on a hall LAN without internet as anywhere else.
 * Chosen over a viewer bundle (Redoc, Scalar: megabytes of JavaScript to serve and audit) because the document is
 * small and a reader needs the list of operations, who may call them, and the schemas, which plain HTML shows.
 *
 *   OpenApiDocument -> sections per tag -> one <section> per operation (roles, parameters, body, answers, errors)
 *                   -> one <pre> per component schema, `$ref`s as links
 */
import type { OpenApiDocument, OpenApiOperation } from "./openapi.ts";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Inline markdown of the descriptions: `code`, **bold** and [text](/path) links; everything else is escaped. */
function inline(markdown: string): string {
  return escapeHtml(markdown)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\[([^\]]+)\]\((\/[^)\s]*)\)/g, '<a href="$2">$1</a>');
}

/** A JSON Schema as indented JSON, each `$ref` a link to its component on this page. */
function schemaHtml(schema: unknown): string {
  return escapeHtml(JSON.stringify(schema, null, 2)).replace(
    /&quot;#\/components\/schemas\/(\w+)&quot;/g,
    '&quot;<a href="#schema-$1">#/components/schemas/$1</a>&quot;',
  );
}

/** An error response's schema: ErrorBody narrowed to the codes of one HTTP status (see openapi.ts). */
type ErrorSchema = { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } };

/** A schema block: a named schema as a link plus its definition, anything else as JSON. */
function schemaBlock(doc: OpenApiDocument, schema: unknown): string {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  const name = typeof ref === "string" && Object.keys(schema as object).length === 1 ? ref.split("/").pop() : undefined;
  if (name === undefined) return `<pre>${schemaHtml(schema)}</pre>`;
  return `<p><a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a></p><pre>${schemaHtml(doc.components.schemas[name])}</pre>`;
}

function operationHtml(doc: OpenApiDocument, method: string, path: string, op: OpenApiOperation): string {
  const parts = [
    `<section id="${escapeHtml(op.operationId)}">`,
    `<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${inline(op.summary)}</p>`,
    `<p>${inline(op.description)}</p>`,
    `<p><b>Roles</b> (<code>x-roles</code>): ${op["x-roles"].map((r) => `<code>${escapeHtml(r)}</code>`).join(" ")}</p>`,
  ];
  if (op.parameters?.length)
    parts.push(
      "<p><b>Parameters</b></p><ul>" +
        op.parameters
          .map(
            (p) =>
              `<li><code>${escapeHtml(p.name)}</code> in ${p.in}${p.required ? ", required" : ""}: ` +
              `<code>${escapeHtml(JSON.stringify(p.schema))}</code>${p.description ? ` ${inline(p.description)}` : ""}</li>`,
          )
          .join("") +
        "</ul>",
    );
  const bodyTypes = Object.keys(op.requestBody?.content ?? {});
  const body = op.requestBody?.content[bodyTypes[0] ?? ""]?.schema;
  if (body)
    parts.push(
      `<details open><summary><b>Request body</b> (${escapeHtml(bodyTypes.join(" or "))})</summary>${schemaBlock(doc, body)}</details>`,
    );
  const errors: string[] = [];
  for (const [status, answer] of Object.entries(op.responses)) {
    if (Number(status) >= 400) {
      const schema = answer.content?.["application/json"]?.schema as ErrorSchema | undefined;
      const codes = schema?.properties?.error?.properties?.code?.enum ?? [];
      errors.push(`<b>${status}</b> ${codes.map((c) => `<code>${escapeHtml(c)}</code>`).join(", ")}`);
      continue;
    }
    const types = Object.keys(answer.content ?? {});
    const content = answer.content?.[types[0] ?? ""];
    parts.push(
      `<details open><summary><b>${status}</b> ${types.length > 0 ? `(${escapeHtml(types.join(" or "))})` : ""}</summary>` +
        (content ? schemaBlock(doc, content.schema) : "") +
        "</details>",
    );
  }
  if (errors.length)
    parts.push(
      `<p><b>Errors</b> (<a href="#schema-ErrorBody">ErrorBody</a>, <code>x-error-codes</code>): ${errors.join(" · ")}</p>`,
    );
  parts.push("</section>");
  return parts.join("\n");
}

/** The whole reference page for `doc`. */
export function renderApiDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, [string, string, OpenApiOperation][]>();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), [method, path, op]]);
    }
  const toc = [...byTag]
    .map(
      ([tag, ops]) =>
        `<li>${escapeHtml(tag)}: ` +
        ops
          .map(([m, p, op]) => `<a href="#${escapeHtml(op.operationId)}">${m.toUpperCase()} ${escapeHtml(p)}</a>`)
          .join(", ") +
        "</li>",
    )
    .join("\n");
  const sections = [...byTag]
    .map(
      ([tag, ops]) =>
        `<h2>${escapeHtml(tag)}</h2>\n${ops.map(([m, p, op]) => operationHtml(doc, m, p, op)).join("\n")}`,
    )
    .join("\n");
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, s]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${schemaHtml(s)}</pre></section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 0 auto; padding: 1em 2em; color: #222; }
pre { background: #f6f6f6; padding: .6em; overflow-x: auto; font-size: 13px; }
section { border-top: 1px solid #ddd; padding: .4em 0; }
.m { display: inline-block; min-width: 4.5em; padding: 0 .4em; border-radius: 3px; color: #fff; font-size: 13px; text-align: center; }
.get { background: #2b6cb0; } .post { background: #2f855a; } .put { background: #b7791f; } .delete { background: #c53030; }
summary { cursor: pointer; }
</style>
</head>
<body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). WebSocket protocol:
<a href="/api/docs/websocket.md">/api/docs/websocket.md</a>.</p>
${doc.info.description
  .split(/\n\n/)
  .map((p) => `<p>${inline(p)}</p>`)
  .join("\n")}
<h2>Operations</h2>
<ul>
${toc}
<li><a href="#schemas">Schemas</a></li>
</ul>
${sections}
<h2 id="schemas">Schemas</h2>
${schemas}
</body>
</html>
`;
}
