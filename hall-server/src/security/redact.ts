// Logs must never carry personal data (hall-server issue). Two layers:
//
//   log call --hooks.logMethod: scrub ID-number- and mobile-shaped text in msg / format args
//            --formatters.log, formatters.bindings: scrub such text in plain-object string values
//            --serializers.err: scrub it in error messages and stacks
//            --redact: censor values under known sensitive keys (idNumber, name, phone, pin, token...)
//            --> destination
//
// The key list is the contract; the text scrubbing is a safety net for mistakes such as
// `log.info(\`lookup ${idNumber}\`)` and for validation errors that quote the bad input.
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { maskIdNumber, maskPhone } from "./personalData.ts";

/** The censor text that replaces redacted values. */
export const CENSOR = "[redacted]";

/**
 * Property names whose values are personal data or credentials, wherever they appear. `name` is one
 * of them (applicant and staff names), so loggers carry their namespace as `module`, never `name`.
 */
export const SENSITIVE_KEYS: readonly string[] = Object.freeze([
  "idNumber",
  "idNo",
  "idCardNumber",
  "name",
  "applicantName",
  "staffName",
  "phone",
  "mobile",
  "applicantPhone",
  "address",
  "photo",
  "pin",
  "password",
  "secret",
  "token",
  "accessToken",
  "refreshToken",
  "pairingCode",
  "authorization",
  "cookie",
  "set-cookie",
  "x-device-token",
]);

/** How many object levels below the log line the wildcard paths reach (pino paths have fixed depth). */
export const REDACT_DEPTH = 5;

function pathFor(prefix: string, key: string): string {
  const simple = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
  if (prefix === "") return simple ? key : `["${key}"]`;
  return simple ? `${prefix}.${key}` : `${prefix}["${key}"]`;
}

function buildPaths(keys: readonly string[], depth: number): string[] {
  const paths: string[] = [];
  for (let level = 0; level <= depth; level++) {
    const prefix = Array.from({ length: level }, () => "*").join(".");
    for (const key of keys) paths.push(pathFor(prefix, key));
  }
  return paths;
}

/**
 * pino redact paths: every `SENSITIVE_KEYS` entry at the top level and under 1..REDACT_DEPTH wildcard
 * levels (`idNumber`, `*.idNumber`, `*.*.idNumber`, ... and so `req.headers.authorization`,
 * `res.headers["set-cookie"]`, `tickets[0].applicantName`). Use with censor `CENSOR`.
 */
export const redactPaths: string[] = buildPaths(SENSITIVE_KEYS, REDACT_DEPTH);

/** The ready-made pino `redact` option. */
export const redactOptions = Object.freeze({ paths: redactPaths, censor: CENSOR });

// A resident ID number (6-digit region, plausible birth date, 3-digit sequence, check digit), a
// 2017-style foreign permanent resident number (3 letters + 12 digits), or a mainland mobile number.
const RESIDENT_ID =
  /(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])/g;
const FOREIGN_ID = /(?<![0-9A-Za-z])[A-Z]{3}[0-9]{12}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

// A credential in a query string or form body ("/ws?token=…", "access_token=…", "publicToken=…", "code=…" of a
// pairing): the key is kept, the value up to the next separator is censored. WebSocket clients must pass their
// token in the URL, so a URL that reaches a log (an error's `input`, a message) would otherwise carry it.
const QUERY_SECRET = /(?<![A-Za-z0-9])([A-Za-z_]*(?:token|secret|password|pin|code)=)[^&#\s"'<>]+/gi;

/**
 * Replaces ID-number-shaped and mobile-number-shaped runs in `text` by their masked forms, and the values of
 * `token=`-like query parameters by `CENSOR`.
 */
export function scrubText(text: string): string {
  return text
    .replace(QUERY_SECRET, `$1${CENSOR}`)
    .replace(RESIDENT_ID, maskIdNumber)
    .replace(FOREIGN_ID, maskIdNumber)
    .replace(MOBILE, maskPhone);
}

const MAX_SCRUB_DEPTH = 12;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with `scrubText` applied to every string inside plain objects and arrays (up to
 * 12 levels; deeper values and class instances are returned as they are). Never mutates its input.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value !== "object" || value === null || depth >= MAX_SCRUB_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = scrubValue(item, depth + 1);
  return copy;
}

// pino's err serializer returns objects with its own prototype (so scrubValue would pass them
// through untouched); copy their own enumerable fields, recursing into aggregate errors.
function scrubSerializedError(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth >= MAX_SCRUB_DEPTH) return scrubValue(value, depth);
  if (Array.isArray(value)) return value.map((item) => scrubSerializedError(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = scrubSerializedError(item, depth + 1);
  return copy;
}

/** Options of `createLogger`. */
export interface CreateLoggerOptions {
  /** pino level name (default "info"). */
  level?: string;
  /** Where lines go (default stdout); tests pass a stream to capture output. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ module: "api" }`. Scrubbed and redacted like everything else. */
  bindings?: Record<string, unknown>;
}

/**
 * A pino logger with `redactOptions` applied plus the text scrubbing described at the top of this
 * file. Do not pass a `name` binding (it is redacted); use `module`.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? "info",
    redact: { paths: redactPaths, censor: CENSOR },
    serializers: { err: (err: Error) => scrubSerializedError(pino.stdSerializers.err(err)) },
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
      bindings: (bindings) => scrubValue(bindings) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as typeof args;
        const [first, second] = scrubbed;
        // `log.error(err)` makes err.message the msg; give pino a scrubbed msg instead.
        if (first instanceof Error && typeof second !== "string") {
          method.apply(this, [first, scrubText(first.message), ...scrubbed.slice(1)] as typeof args);
          return;
        }
        method.apply(this, scrubbed);
      },
    },
  };
  const logger = options.destination ? pino(config, options.destination) : pino(config);
  return options.bindings ? logger.child(options.bindings) : logger;
}
