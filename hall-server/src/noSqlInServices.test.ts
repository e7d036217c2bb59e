/**
 * The layering promise, checked on the source: use cases (services/) hold no SQL. Every statement lives in a store/
 * repository held on `ctx.store`; a use case that needs a new query adds a repository method.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// SQL statement shapes; English messages ("select an item") do not match them.
const SQL = [
  /\bSELECT\s+(\*|DISTINCT\b|\w+\(|[\w.]+\s*(,|\bAS\b|\bFROM\b))[\s\S]*\bFROM\b/i,
  /\bINSERT\s+(OR\s+\w+\s+)?INTO\b/i,
  /\bUPDATE\s+\w+\s+SET\b/i,
  /\bDELETE\s+FROM\b/i,
  /\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW|TRIGGER|UNIQUE)\b/i,
  /^\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|VACUUM)\b/i,
];
// Raw database access: a statement prepared or executed, or a pragma set, outside store/.
const RAW_ACCESS = new Set(["prepare", "exec", "pragma"]);

/**
 * Every SQL-looking string literal and, unless `rawCallsAllowed`, every raw database call (`x.prepare(…)`,
 * `x.exec(…)`, `x.pragma(…)`) in a TypeScript source, as "line: text", in source order.
 */
function sqlIn(fileName: string, source: string, rawCallsAllowed = false): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ? ");
    if (text !== undefined && SQL.some((re) => re.test(text))) found.push(`${at(node)}: ${text.trim()}`);
    if (
      !rawCallsAllowed &&
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      RAW_ACCESS.has(node.expression.name.text)
    )
      found.push(`${at(node)}: ${node.expression.getText(file)}(…)`);
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else for (const span of node.templateSpans) visit(span.expression);
  };
  visit(file);
  return found;
}

describe("no SQL in use cases", () => {
  it("when the checker reads SQL strings and raw database calls, then it reports each with its line", () => {
    const sample = [
      `db.prepare("SELECT * FROM tickets WHERE id = ?").get(1);`,
      "const q = `UPDATE windows SET state = ${s} WHERE id = ?`;",
      `ctx.db.exec("BEGIN IMMEDIATE");`,
      `throw new AppError("bad_request", "select an item from the list first");`,
      `const note = "update the window";`,
    ].join("\n");
    expect(sqlIn("sample.ts", sample)).toEqual([
      "1: db.prepare(…)",
      "1: SELECT * FROM tickets WHERE id = ?",
      "2: UPDATE windows SET state =  ?  WHERE id = ?",
      "3: ctx.db.exec(…)",
      "3: BEGIN IMMEDIATE",
    ]);
    expect(sqlIn("sample.test.ts", `ctx.db.pragma("defer_foreign_keys = ON");`, true)).toEqual([]);
  });

  // Tests beside the use cases may reach the database handle to inject faults (a pragma), never with SQL text.
  it("when every file under services/ is read, then none holds an SQL statement, and only tests a raw database call", () => {
    const dir = new URL("./services/", import.meta.url).pathname;
    const found = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        sqlIn(f, readFileSync(join(dir, f), "utf8"), f.endsWith(".test.ts")).map((hit) => `services/${f}:${hit}`),
      );
    expect(found).toEqual([]);
  });
});
