import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CENSOR, createLogger, REDACT_DEPTH, redactPaths, scrubText, scrubValue, SENSITIVE_KEYS } from "./redact.ts";

const ID = "110101199003071234";
const PHONE = "13812345678";

function captured(level = "info") {
  const lines: string[] = [];
  const log = createLogger({ level, destination: { write: (line: string) => void lines.push(line) } });
  const text = () => lines.join("");
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, text, records };
}

function nest(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let obj = leaf;
  for (let i = 0; i < depth; i++) obj = { [`level${i}`]: obj };
  return obj;
}

describe("createLogger redaction", () => {
  it("when personal data and credentials are logged at the top level, then none of them appear", () => {
    const { log, text } = captured();
    log.info({
      idNumber: ID,
      name: "张三",
      applicantName: "欧阳娜娜",
      phone: PHONE,
      pin: "246810",
      password: "hunter2-密码",
      token: "tok_SECRET_VALUE",
      pairingCode: "04711234",
      ticket: "A023",
    });
    const out = text();
    for (const secret of [ID, "张三", "欧阳娜娜", PHONE, "246810", "hunter2", "tok_SECRET_VALUE", "04711234"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain(CENSOR);
    expect(out).toContain('"ticket":"A023"');
  });

  it.each(Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) => depth))(
    "when sensitive keys sit %i levels deep, then they are redacted",
    (depth) => {
      const { log, text } = captured();
      log.info(nest(depth, { applicantName: "王小明", pin: "97531", note: "ok" }));
      expect(text()).not.toContain("王小明");
      expect(text()).not.toContain("97531");
      expect(text()).toContain('"note":"ok"');
    },
  );

  it("when HTTP requests and responses are logged, then authorization, cookies and device tokens are redacted", () => {
    const { log, records } = captured();
    log.info({
      req: {
        method: "POST",
        headers: { authorization: "Bearer abc.def", cookie: "sid=xyz", "x-device-token": "devtok", host: "hall" },
      },
      res: { statusCode: 200, headers: { "set-cookie": ["sid=new"] } },
    });
    const [record] = records();
    expect(record).toMatchObject({
      req: {
        method: "POST",
        headers: { authorization: CENSOR, cookie: CENSOR, "x-device-token": CENSOR, host: "hall" },
      },
      res: { statusCode: 200, headers: { "set-cookie": CENSOR } },
    });
  });

  it("when records sit in arrays, then their sensitive fields are redacted", () => {
    const { log, text } = captured();
    log.info({
      tickets: [
        { number: "A001", idNumber: ID, phone: PHONE },
        { number: "A002", name: "李四" },
      ],
    });
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
    expect(text()).not.toContain("李四");
    expect(text()).toContain("A002");
  });

  it("when a child logger is bound to personal data, then the bindings are redacted too", () => {
    const { log, text } = captured();
    log.child({ module: "tickets", applicant: { idNumber: ID }, phone: PHONE }).info("issued");
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
    expect(text()).toContain('"module":"tickets"');
  });

  it("when bindings are given to createLogger, then they appear on every line", () => {
    const lines: string[] = [];
    const log = createLogger({
      bindings: { module: "api" },
      destination: { write: (l: string) => void lines.push(l) },
    });
    log.info("a");
    log.warn("b");
    expect(lines.map((l) => (JSON.parse(l) as { module: string }).module)).toEqual(["api", "api"]);
  });

  it("when keys that merely hold hashes or masked forms are logged, then they are kept", () => {
    const { log, records } = captured();
    log.info({ idNumberHash: "ab12", idNumberMasked: "110***********1234", window: 3 });
    expect(records()[0]).toMatchObject({ idNumberHash: "ab12", idNumberMasked: "110***********1234", window: 3 });
  });

  it("when an object is logged, then the caller's object is not modified", () => {
    const { log } = captured();
    const obj = { idNumber: ID, nested: { phone: PHONE, note: `call ${PHONE}` } };
    log.info(obj);
    expect(obj).toEqual({ idNumber: ID, nested: { phone: PHONE, note: `call ${PHONE}` } });
  });

  it("when the level is warn, then info lines are not written", () => {
    const { log, lines } = captured("warn");
    log.info("quiet");
    log.warn("loud");
    expect(lines).toHaveLength(1);
  });
});

describe("createLogger text scrubbing", () => {
  it("when an ID number or mobile number is put in the message or format arguments, then only masked forms appear", () => {
    const { log, text } = captured();
    log.info(`lookup ${ID} for ${PHONE}`);
    log.info({ ticket: "A1" }, "issued for %s / %s", "11010119900307123x", PHONE);
    const out = text();
    expect(out).not.toContain(ID);
    expect(out).not.toContain("11010119900307123x");
    expect(out).not.toContain(PHONE);
    expect(out).toContain("110***********1234");
    expect(out).toContain("138****5678");
  });

  it("when personal data sits under a harmless key or deeper than the redact paths, then it is masked", () => {
    const { log, text } = captured();
    log.info({ query: `q=${ID}`, ...nest(REDACT_DEPTH + 3, { note: `tel:${PHONE}` }) });
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
  });

  it("when an error quoting an ID number is logged, then its message, stack and the line's msg are masked", () => {
    const { log, text, records } = captured();
    log.error(new Error(`invalid idNumber ${ID}`));
    log.error({ err: new RangeError(`phone ${PHONE} rejected`) }, "validation failed");
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
    const [first, second] = records();
    expect(first).toMatchObject({ msg: "invalid idNumber 110***********1234", err: { type: "Error" } });
    expect(second).toMatchObject({ msg: "validation failed", err: { type: "RangeError" } });
  });

  it("when any valid-shaped resident ID number is embedded in any text, then it never reaches the output", () => {
    const idArb = fc
      .tuple(
        fc.integer({ min: 100000, max: 999999 }),
        fc.integer({ min: 1900, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom("0", "5", "9", "X", "x"),
      )
      .map(
        ([region, y, m, d, seq, check]) =>
          `${region}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${String(seq).padStart(3, "0")}${check}`,
      );
    const glue = fc.string({ unit: fc.constantFrom(" ", ":", "=", "/", "号", ",", "-"), maxLength: 3 });
    fc.assert(
      fc.property(idArb, glue, glue, (id, before, after) => {
        const { log, text } = captured();
        log.info({ note: `${before}${id}${after}` }, `msg ${before}${id}${after}`);
        expect(text()).not.toContain(id);
      }),
      { numRuns: 300 },
    );
  });
});

describe("scrubText / scrubValue / redactPaths", () => {
  it.each([
    [`身份证 ${ID}`, "身份证 110***********1234"],
    [`ABC123456789012 end`, "ABC********9012 end"],
    [`tel:${PHONE};`, "tel:138****5678;"],
    ["ticket A023 at 1795753167107 ms", "ticket A023 at 1795753167107 ms"],
    ["order 12345678901234567890", "order 12345678901234567890"],
  ])("when scrubbing %j, then it becomes %j", (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it("when a structure has cycles or class instances, then scrubValue terminates and leaves instances alone", () => {
    const cyclic: Record<string, unknown> = { phone: PHONE };
    cyclic["self"] = cyclic;
    const date = new Date(0);
    const out = scrubValue({ cyclic, date }) as { cyclic: { phone: string }; date: Date };
    expect(out.cyclic.phone).toBe("138****5678");
    expect(out.date).toBe(date);
  });

  it("when the paths are listed, then every sensitive key is covered at the top level and at the deepest level", () => {
    const deepest = Array.from({ length: REDACT_DEPTH }, () => "*").join(".");
    expect(redactPaths).toContain("idNumber");
    expect(redactPaths).toContain("*.idNumber");
    expect(redactPaths).toContain(`${deepest}.applicantName`);
    expect(redactPaths).toContain(`${deepest}["set-cookie"]`);
    expect(redactPaths).toHaveLength(SENSITIVE_KEYS.length * (REDACT_DEPTH + 1));
  });
});

describe("createLogger error serialisation", () => {
  it("when an error has a cause, custom fields or aggregated errors quoting personal data, then all are masked", () => {
    const { log, text, records } = captured();
    const inner = new Error(`inner ${PHONE}`);
    const outer = Object.assign(new Error("outer", { cause: inner }), { input: { raw: ID }, code: "E_BAD" });
    log.error({ err: outer }, "failed");
    log.error({ err: new AggregateError([new Error(`agg ${ID}`)], "many") }, "failed too");
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
    expect(records()[0]).toMatchObject({ err: { type: "Error", code: "E_BAD", input: { raw: "110***********1234" } } });
  });
});

describe("tokens in URLs", () => {
  const TOKEN = "Yz3kq_9vWp2LrT8xNf4hJc6dQm1sBa7e";

  it.each([
    [`/ws?token=${TOKEN}`, `/ws?token=${CENSOR}`],
    [`/ws?since=4&token=${TOKEN}&x=1`, `/ws?since=4&token=${CENSOR}&x=1`],
    [`ws://hall/ws?access_token=${TOKEN}#f`, `ws://hall/ws?access_token=${CENSOR}#f`],
    [`GET /api/status?publicToken=${TOKEN} HTTP/1.1`, `GET /api/status?publicToken=${CENSOR} HTTP/1.1`],
    [`code=${TOKEN}`, `code=${CENSOR}`],
  ])("when %s is in text, then the value is censored and the rest kept", (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it("when an upgrade's URL reaches a log line (message, error input, field), then the token never does", () => {
    const { log, text } = captured();
    const error = Object.assign(new TypeError(`Invalid URL: //x:99999/ws?token=${TOKEN}`), {
      input: `//x:99999/ws?token=${TOKEN}`,
    });
    log.error({ err: error, url: `/ws?token=${TOKEN}` }, `upgrade of /ws?token=${TOKEN} failed`);
    log.info(`GET /ws?since=1&token=${TOKEN}`);
    expect(text()).not.toContain(TOKEN);
    expect(text()).toContain("token=[redacted]");
  });
});
