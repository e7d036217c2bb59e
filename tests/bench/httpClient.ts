/**
 * A small JSON-over-HTTP client for load: node:http with a keep-alive Agent (one TCP connection per concurrent
 * request, reused), a per-request timeout, and a bounded response size, so a misbehaving server yields an error
 * rather than a hang or an unbounded buffer.
 */
import { Agent, request } from "node:http";

/** A parsed answer: HTTP status and the JSON body (undefined when the body was empty). */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** Posts JSON to one server over kept-alive connections. */
export interface JsonClient {
  /** POST `body` as JSON to `path` with a bearer token. Rejects on a connection error, timeout or non-JSON answer. */
  post(path: string, token: string, body: unknown): Promise<JsonAnswer>;
  /** GET `path` (no token): the same contract as `post`. */
  get(path: string): Promise<JsonAnswer>;
  /** Destroy every connection; call once all requests have settled (one still in flight would fail). */
  close(): void;
}

/** Options: how many connections at most (requests beyond wait in the agent) and the per-request timeout. */
export interface JsonClientOptions {
  maxSockets: number;
  timeoutMs?: number;
}

const MAX_BODY_BYTES = 1 << 20;

/** Create a client for `baseUrl` ("http://host:port"). */
export function createJsonClient(baseUrl: string, options: JsonClientOptions): JsonClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = (method: "GET" | "POST", path: string, token?: string, body?: unknown): Promise<JsonAnswer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string | number> = {};
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (payload) {
        headers["content-type"] = "application/json";
        headers["content-length"] = payload.length;
      }
      const req = request(
        { agent, host: url.hostname, port: url.port, method, path, headers, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) res.destroy(new Error(`response to ${path} exceeds ${MAX_BODY_BYTES} bytes`));
            else chunks.push(chunk);
          });
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve({ status: res.statusCode ?? 0, body: text === "" ? undefined : (JSON.parse(text) as unknown) });
            } catch {
              reject(new Error(`non-JSON answer ${res.statusCode} to ${path}: ${text.slice(0, 200)}`));
            }
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer to ${path} within ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end(payload);
    });
  return {
    post: (path, token, body) => send("POST", path, token, body),
    get: (path) => send("GET", path),
    close: () => agent.destroy(),
  };
}
