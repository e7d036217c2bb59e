// The HTTP edge over real HTTP on loopback: how the hall answers requests that are wrong before any route reads them
// (the Authorization scheme, the body's JSON value, media type and encoding, the method). Each refusal is the
// project's ErrorBody with a specific code, changes nothing, and the hall serves on.
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { ErrorBody } from "@onewindow/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routes } from "./routes.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询, prefix A, served by windows 1-3
const RESERVE = "/api/tickets/reservations";

type Answer = { status: number; headers: Headers; body: unknown };

describe("the HTTP edge", () => {
  let hall: TestHall;
  let kiosk: string;
  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => hall.close());

  /** One request with exactly these headers and body; the answer's JSON parsed (undefined when empty). */
  const send = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: BodyInit,
  ): Promise<Answer> => {
    const res = await fetch(hall.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  /** The answer's error, checked to be the project's ErrorBody. */
  const errorOf = (answer: Answer) => ErrorBody.parse(answer.body).error;
  /** A reservation by the kiosk, with its body as given. */
  const reserve = (headers: Record<string, string>, body?: BodyInit) =>
    send("POST", RESERVE, { authorization: `Bearer ${kiosk}`, ...headers }, body);
  const reservationBody = JSON.stringify({ issue: { itemCode: ENQUIRY }, requestKey: crypto.randomUUID() });

  /** That the hall changed nothing and still serves: no event since `before`, and the next ticket is A001. */
  const unchangedAndServing = async (before: number) => {
    expect(hall.server.ctx.events.lastSeq()).toBe(before);
    const first = await hall.takeAtKiosk<{ ticket: { number: string } }>(kiosk, { issue: { itemCode: ENQUIRY } });
    expect(first.body.ticket.number).toBe("A001");
  };

  it.each(["bearer", "BEARER", "bEaReR"])(
    "when the Authorization scheme is written %s, then the token is accepted (the scheme is case-insensitive)",
    async (scheme) => {
      const res = await send("GET", "/api/catalog", { authorization: `${scheme} ${kiosk}` });
      expect(res.status).toBe(200);
    },
  );

  it("when the Authorization header is of another scheme or has no token, then 401 says it is malformed", async () => {
    for (const header of [`Basic ${kiosk}`, "Bearer", `Bearer${kiosk}`]) {
      const res = await send("GET", "/api/catalog", { authorization: header });
      expect(res.status).toBe(401);
      expect(errorOf(res)).toEqual({ code: "unauthorized", message: "malformed Authorization header" });
    }
  });

  it.each([
    ["null", "null"],
    ["123", "a number"],
    ['"str"', "a string"],
    ["true", "a boolean"],
    ["[]", "an array"],
    ['[{"issue":{}}]', "an array"],
  ])(
    "when the JSON body is %s, then 400 bad_request says the body must be a JSON object, and nothing changes",
    async (json, kind) => {
      const staff = await hall.login("GW005", 1);
      const before = hall.server.ctx.events.lastSeq();
      const res = await reserve({ "content-type": "application/json" }, json);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({
        code: "bad_request",
        message: `body: must be a JSON object ({…}), not ${kind}`,
      });
      // A route without fields is no exception: its body is an (empty) object too.
      const empty = await send(
        "POST",
        "/api/counter/call-next",
        { authorization: `Bearer ${staff}`, "content-type": "application/json" },
        json,
      );
      expect(errorOf(empty).message).toBe(`body: must be a JSON object ({…}), not ${kind}`);
      await unchangedAndServing(before);
    },
  );

  it.each([
    ["text/plain", "text/plain"],
    ["text/plain; charset=utf-8", "text/plain"],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
    ["multipart/form-data; boundary=x", "multipart/form-data"],
  ])(
    "when a JSON endpoint gets a body of type %s, then 415 names application/json and nothing changes",
    async (type, named) => {
      const before = hall.server.ctx.events.lastSeq();
      const res = await reserve({ "content-type": type }, reservationBody);
      expect(res.status).toBe(415);
      expect(errorOf(res)).toEqual({
        code: "unsupported_media_type",
        message: `the body must be JSON (Content-Type: application/json), not ${named}`,
      });
      await unchangedAndServing(before);
    },
  );

  it("when a JSON endpoint gets a body with no Content-Type, then 415 says so", async () => {
    const before = hall.server.ctx.events.lastSeq();
    const res = await reserve({}, new Blob([reservationBody]));
    expect(res.status).toBe(415);
    expect(errorOf(res).message).toBe(
      "the body must be JSON (Content-Type: application/json), and this one declares no Content-Type",
    );
    await unchangedAndServing(before);
  });

  it("when a counter action is posted with no body (Content-Length 0, or chunked and empty), then it works as before", async () => {
    const staff = await hall.login("GW005", 1);
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    const called = await send("POST", "/api/counter/call-next", { authorization: `Bearer ${staff}` });
    expect(called.status).toBe(200);
    expect(await postChunkedEmpty("/api/counter/start", staff)).toBe(200);
  });

  /** A POST whose body is chunked and has no bytes (Transfer-Encoding: chunked, no Content-Type); its status. */
  const postChunkedEmpty = (path: string, token: string) =>
    new Promise<number | undefined>((resolve, reject) => {
      const req = request(hall.url + path, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      });
      req.on("error", reject);
      req.end();
    });

  it("when a gzip body is not gzip, then 400 says it could not be decoded as gzip (no zlib text); a real gzip body is read", async () => {
    const before = hall.server.ctx.events.lastSeq();
    const bad = await reserve({ "content-type": "application/json", "content-encoding": "gzip" }, reservationBody);
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toEqual({
      code: "bad_request",
      message: "the body could not be decoded as gzip (its Content-Encoding)",
    });
    const unknown = await reserve({ "content-type": "application/json", "content-encoding": "compress" }, "x");
    expect(unknown.status).toBe(415);
    expect(errorOf(unknown)).toMatchObject({ code: "unsupported_media_type" });
    expect(errorOf(unknown).message).toMatch(/^Content-Encoding compress is not supported/);
    await unchangedAndServing(before);
    const packed = await reserve(
      { "content-type": "application/json", "content-encoding": "gzip" },
      gzipSync(reservationBody),
    );
    expect(packed.status).toBe(201);
  });

  it("when a path is called with a method it does not support, then 405 lists the table's methods in Allow; an unknown path is 404", async () => {
    const admin = await hall.login("GW001");
    const allowed = (path: string) => {
      const methods = routes.filter((r) => r.path === path).map((r) => r.method.toUpperCase());
      return [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].sort().join(", ");
    };
    const ratings = await send("DELETE", "/api/ratings", { authorization: `Bearer ${admin}` });
    expect(ratings.status).toBe(405);
    expect(ratings.headers.get("allow")).toBe(allowed("/api/ratings"));
    expect(ratings.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(errorOf(ratings)).toEqual({
      code: "method_not_allowed",
      message: "DELETE is not supported here; use GET, HEAD, POST",
    });
    const catalog = await send("PUT", "/api/catalog", {});
    expect(catalog.status).toBe(405);
    expect(catalog.headers.get("allow")).toBe(allowed("/api/catalog"));
    const options = await send("OPTIONS", "/api/ratings", {});
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, POST");
    const unknown = await send("DELETE", "/api/no-such-thing", { authorization: `Bearer ${admin}` });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toEqual({ code: "not_found", message: "no such endpoint" });
    expect(unknown.headers.get("allow")).toBeNull();
  });
});
