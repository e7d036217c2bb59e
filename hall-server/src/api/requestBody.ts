/**
 * Reading request bodies: JSON for the JSON routes (an object, in `application/json`), bytes for a file route, and the
 * refusal for every way a body can be unreadable, each with its own code and a sentence of ours (never a parser's or
 * zlib's raw text).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { AppError } from "../errors.ts";

/** The largest request body any endpoint reads, JSON or bytes: 2 MB. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** The only body type a JSON route reads. */
const JSON_TYPE = "application/json";

/** The declared media type of `req` (lower case, no parameters), or undefined without a Content-Type. */
function declaredTypeOf(req: Request): string | undefined {
  return req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() || undefined;
}

/** What a JSON value is, in words, for "must be a JSON object, not …". */
function jsonKindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  return typeof value === "boolean" ? "a boolean" : typeof value;
}

// Not strict: any JSON value parses, so `null` or `[]` is refused below by what it is, not as "not valid JSON".
const parseJson = express.json({ limit: BODY_LIMIT_BYTES, strict: false, type: JSON_TYPE });
// Reads a body that is not JSON only to learn whether it has any bytes (a body-less POST may still be chunked).
const readBytes = express.raw({ type: () => true, limit: BODY_LIMIT_BYTES });

/**
 * The body of a JSON route: `req.body` is the parsed object, or undefined without a body (no bytes, whatever the
 * headers). Refused: a JSON value that is not an object (400 `bad_request`), a non-empty body of another media type
 * or none (415 `unsupported_media_type`), and every unreadable body (see `bodyErrorOf`).
 */
export const jsonBody: RequestHandler[] = [
  parseJson,
  (req: Request, _res: Response, next: NextFunction) => {
    if (req.body === undefined || (typeof req.body === "object" && req.body !== null && !Array.isArray(req.body)))
      return next();
    const message = `must be a JSON object ({…}), not ${jsonKindOf(req.body)}`;
    next(new AppError("bad_request", `body: ${message}`, [{ path: [], message }]));
  },
  (req: Request, res: Response, next: NextFunction) => {
    if (req.body !== undefined) return next();
    readBytes(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      const bytes = req.body as Buffer | undefined;
      req.body = undefined;
      if (bytes === undefined || bytes.length === 0) return next();
      const declared = declaredTypeOf(req);
      next(
        new AppError(
          "unsupported_media_type",
          `the body must be JSON (Content-Type: ${JSON_TYPE}), ` +
            (declared === undefined ? "and this one declares no Content-Type" : `not ${declared}`),
        ),
      );
    });
  },
];

/** The body of a file route (a staff photo): its bytes whatever its Content-Type, for `fileBodyOf` to check. */
export const bytesBody: RequestHandler[] = [readBytes];

/**
 * The bytes of a file body and its declared media type. A JSON body, or none, is a 400 naming `mediaTypes`.
 */
export function fileBodyOf(
  req: Request,
  mediaTypes: readonly string[],
): { bytes: Buffer; declaredType: string | undefined } {
  const declaredType = declaredTypeOf(req);
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0 || declaredType === JSON_TYPE)
    throw new AppError(
      "bad_request",
      `the body must be the file's bytes (Content-Type ${mediaTypes.join(" or ")})` +
        (declaredType === JSON_TYPE ? ", not JSON" : ", and it was empty"),
    );
  return { bytes, declaredType };
}

/** What body-parser (and the zlib stream under it) attaches to the errors it passes on. */
interface ParserError {
  type?: string;
  status?: number;
  limit?: number;
  length?: number;
  charset?: string;
  encoding?: string;
}

/**
 * The refusal for an error the body parsers raised while reading `req`, or undefined when `error` is not one (a
 * fault of ours, answered as 500). Types are body-parser's (`entity.parse.failed`, `entity.too.large`, …); a zlib
 * or brotli error (untyped, with a Content-Encoding) is a body that does not decode with its declared Content-Encoding.
 */
export function bodyErrorOf(error: unknown, req: Request): AppError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as ParserError;
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  switch (e.type) {
    case "entity.parse.failed":
      return new AppError("bad_request", "body is not valid JSON");
    case "entity.too.large": {
      // body-parser gives the limit, and the declared length when the request had one (not when chunked or packed).
      const size = typeof e.length === "number" ? `${e.length} bytes` : "more than that";
      const limit = e.limit ?? BODY_LIMIT_BYTES;
      return new AppError(
        "payload_too_large",
        `body too large: the limit is ${limit} bytes (2 MB), this one is ${size}`,
      );
    }
    case "encoding.unsupported":
      return new AppError(
        "unsupported_media_type",
        `Content-Encoding ${e.encoding ?? encoding} is not supported: send the body as is, or gzip, deflate or br`,
      );
    case "charset.unsupported":
      return new AppError(
        "unsupported_media_type",
        `charset ${(e.charset ?? "").toUpperCase()} is not supported: send JSON in UTF-8`,
      );
    case "request.size.invalid":
      return new AppError("bad_request", "the body's length does not match its Content-Length");
    case "request.aborted":
      return new AppError("bad_request", "the request was aborted before its body arrived");
  }
  // A decompression stream's own error (zlib "incorrect header check", a brotli format error) carries no type.
  if (encoding !== "identity" && e.type === undefined)
    return new AppError("bad_request", `the body could not be decoded as ${encoding} (its Content-Encoding)`);
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500)
    return new AppError("bad_request", "the request body could not be read");
  return undefined;
}
