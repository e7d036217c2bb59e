/**
 * The HTTP server for an Express app, with requests and responses born with Express's prototypes.
 *
 * Express re-parents every request and response (`Object.setPrototypeOf(req, app.request)`) in `app.handle`.
 * Under load that per-request prototype change made V8 keep most of each request's objects past the young-generation
 * collection (measured: 6.6 MB promoted per 1,000 requests instead of 1–2 MB), so scavenges grew to 10–25 ms
 * and showed up as the API's p99. Constructing them with the right prototype makes Express's call a no-op.
 */
import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import type { Express } from "express";

/** A constructor whose instances are built by `base` but inherit from `prototype` (which must extend base's). */
function bornWith<T extends object>(base: new (...args: never[]) => T, prototype: object): new (...args: never[]) => T {
  function Born(...args: unknown[]): T {
    return Reflect.construct(base, args, Born) as T;
  }
  Born.prototype = prototype;
  return Born as unknown as new (...args: never[]) => T;
}

export function createHttpServer(app: Express): Server {
  return createServer(
    {
      IncomingMessage: bornWith(IncomingMessage, app.request) as typeof IncomingMessage,
      ServerResponse: bornWith(ServerResponse, app.response) as unknown as typeof ServerResponse,
    },
    app,
  );
}
