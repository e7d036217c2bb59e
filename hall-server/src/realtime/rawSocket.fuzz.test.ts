/**
 * The hall-server from a raw TCP socket, as an attacker or a broken client would reach it: malformed request lines,
 * targets and headers, WebSocket upgrades with every part bent, and garbage or hostile WebSocket frames after a
 * successful upgrade. Whatever arrives, the server answers or hangs up that one connection, keeps serving, changes
 * no state and never logs a token.
 *
 * `npm test` runs FUZZ_RUNS (default 5,000) cases; set FUZZ_RUNS=50000 for a long run.
 */
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHELL_FALLBACK_ORIGIN } from "@onewindow/contract";
import { createLogger } from "../security/index.ts";
import { RATE_LIMIT_NAMES } from "../api/rateLimits.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);

/**
 * Writes `bytes`, then (when given) `after` once the server's first answer arrived, half-closes, and collects the
 * answer until the server closes (or, if it never does, `capMs`). Half-closing only after the answer matters for
 * upgrades: a socket already at EOF when the upgrade is handled is dropped without a handshake.
 */
function exchange(
  port: number,
  bytes: Uint8Array,
  after?: Uint8Array,
  capMs = 10_000,
): Promise<{ answer: Buffer; hung: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1");
    let settled = false;
    const done = (hung: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer: Buffer.concat(chunks), hung });
    };
    // Not a timing assertion: without it a server that never answers would hang the suite instead of failing it.
    const timer = setTimeout(() => done(true), capMs);
    socket.on("data", (chunk: Buffer) => {
      if (chunks.push(chunk) === 1 && after !== undefined && !socket.writableEnded) socket.end(after);
    });
    socket.on("error", () => done(false)); // a reset is a fine way to refuse
    socket.on("close", () => done(false));
    if (after === undefined) socket.end(bytes);
    else socket.write(bytes);
  });
}

const upgradeRequest = (target: string, extra = "") =>
  Buffer.from(
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
    "latin1",
  );

// ---- generators -------------------------------------------------------------------------------------------------

/** Placeholders replaced at run time: tokens and the port exist only once the hall runs. */
type Placeholder = "{screen}" | "{staff}" | "{port}";

// Weighted towards what opens a socket, so the frames after the handshake get fuzzed too.
const tokenValue = fc.oneof(
  { arbitrary: fc.constantFrom("{screen}", "{staff}"), weight: 3 },
  { arbitrary: fc.constantFrom("", "nope", "a".repeat(300), "%zz", "{screen}%00"), weight: 1 },
);
const wsTarget = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constant("/ws"), weight: 3 },
      {
        arbitrary: fc.constantFrom("/ws/", "/WS", "/ws/../ws", "//ws", "/ws;x", "/api/snapshot", "/health"),
        weight: 1,
      },
    ),
    tokenValue,
    fc.option(fc.oneof(fc.nat().map(String), fc.constantFrom("-1", "1e9", "99999999999999999999", "x", "0x10"))),
    fc.option(fc.string({ maxLength: 20 })),
  )
  .map(([path, token, since, junk]) => {
    const query = [`token=${token}`];
    if (since !== null) query.push(`since=${since}`);
    if (junk !== null) query.push(junk);
    return `${path}?${query.join("&")}`;
  });
const oddTarget = fc.constantFrom(
  "//x:99999/ws",
  "//x:99999/ws?token={screen}",
  "//x/ws",
  "///ws",
  "//[::1/ws",
  "http://x:99999/ws",
  "http://[::1/ws",
  "ws://127.0.0.1/ws?token={screen}",
  "http://127.0.0.1:{port}/ws?token={screen}",
  "127.0.0.1:{port}",
  "*",
  "",
  "ws",
  "?token={screen}",
  "/%",
  "/ws%00?token={screen}",
  "/ws#frag",
  "/\u00e9\u4e2d",
  "/ws?token={screen}&token=nope",
);
const target = fc.oneof(
  { arbitrary: wsTarget, weight: 4 },
  { arbitrary: oddTarget, weight: 3 },
  { arbitrary: fc.webPath(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.nat({ max: 9000 }).map((n) => "/" + "a".repeat(n)), weight: 1 },
);
const method = fc.oneof(
  {
    arbitrary: fc.constantFrom("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"),
    weight: 6,
  },
  { arbitrary: fc.constantFrom("", "get", "G ET", "GET\0", "PRI", "\u00e9"), weight: 1 },
  { arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
);
const version = fc.oneof(
  { arbitrary: fc.constant("HTTP/1.1"), weight: 6 },
  {
    arbitrary: fc.constantFrom("HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1x", "http/1.1", "", "HTTP/9.9"),
    weight: 2,
  },
);
const origin = fc.constantFrom(
  "http://127.0.0.1:{port}",
  "http://localhost:{port}",
  SHELL_FALLBACK_ORIGIN,
  "http://127.0.0.1:{port}",
  "http://evil.example",
  "null",
  "",
  "http://127.0.0.1:{port}/",
  "HTTP://127.0.0.1:{port}",
  "onewindow-shell://",
  "\u0000",
  "http://[::1",
);
const headerLine = fc.oneof(
  fc.constantFrom(
    "Upgrade: websocket",
    "Upgrade: WebSocket",
    "Upgrade: h2c",
    "Upgrade:",
    "Connection: Upgrade",
    "Connection: keep-alive, Upgrade",
    "Connection: close",
    "Sec-WebSocket-Version: 13",
    "Sec-WebSocket-Version: 8",
    "Sec-WebSocket-Version: 13, 13",
    "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==",
    "Sec-WebSocket-Key: short",
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
    "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99",
    "Sec-WebSocket-Extensions: ;;;=",
    "Sec-WebSocket-Protocol: a, a",
    "Host: 127.0.0.1",
    "Host:",
    "Host: a\tb",
    "Content-Length: 0",
    "Content-Length: 5",
    "Content-Length: -1",
    "Content-Length: 99999999999999999999",
    "Content-Length: 1, 2",
    "Transfer-Encoding: chunked",
    "Transfer-Encoding: gzip, chunked",
    "Transfer-Encoding: x",
    "Content-Type: application/json",
    "Authorization: Bearer {screen}",
    "Authorization: Bearer nope-nope-nope-nope",
    "Authorization: Basic Zm9vOmJhcg==",
    "Expect: 100-continue",
    " folded: header",
    ": no name",
    "no colon",
  ),
  origin.map((o) => `Origin: ${o}`),
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 })).map(([k, v]) => `${k}: ${v}`),
  fc.string({ unit: "binary", maxLength: 60 }),
);
const eol = fc.oneof(
  { arbitrary: fc.constant("\r\n"), weight: 8 },
  { arbitrary: fc.constantFrom("\n", "\r"), weight: 1 },
);

/** One WebSocket frame, often malformed: any opcode and RSV bits, masked or not, lengths that lie. */
const frame = fc
  .record({
    fin: fc.boolean(),
    rsv: fc.integer({ min: 0, max: 7 }),
    opcode: fc.oneof(fc.constantFrom(0x1, 0x2, 0x8, 0x9, 0xa), fc.integer({ min: 0, max: 15 })),
    masked: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
    payload: fc.uint8Array({ maxLength: 300 }),
    length: fc.constantFrom("exact", "exact", "exact", "16", "64", "over-limit", "huge"),
    mask: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  })
  .map(({ fin, rsv, opcode, masked, payload, length, mask }) => {
    const n = payload.length;
    const declared = length === "over-limit" ? 5000 : length === "huge" ? Number.MAX_SAFE_INTEGER : n;
    const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
    const m = masked ? 0x80 : 0;
    if ((length === "exact" && declared < 126) || declared < 126) head.push(m | declared);
    else if (length === "16" || declared < 65536) head.push(m | 126, (declared >> 8) & 0xff, declared & 0xff);
    else {
      head.push(m | 127);
      const big = BigInt(declared);
      for (let i = 7; i >= 0; i--) head.push(Number((big >> BigInt(i * 8)) & 0xffn));
    }
    const body = masked ? payload.map((b, i) => b ^ mask[i % 4]!) : payload;
    return Buffer.concat([Buffer.from(head), masked ? Buffer.from(mask) : Buffer.alloc(0), Buffer.from(body)]);
  });

type Case =
  | { kind: "request"; method: string; target: string; version: string; headers: string[]; eol: string; body: string }
  | { kind: "upgrade"; target: string; origin: string | null; headers: string[]; frames: Buffer[] }
  | { kind: "bytes"; bytes: Uint8Array };

const requestCase: fc.Arbitrary<Case> = fc.record({
  kind: fc.constant("request" as const),
  method,
  target,
  version,
  headers: fc.array(headerLine, { maxLength: 8 }),
  eol,
  body: fc.string({ maxLength: 60 }),
});
const upgradeCase: fc.Arbitrary<Case> = fc.record({
  kind: fc.constant("upgrade" as const),
  target: fc.oneof({ arbitrary: wsTarget, weight: 4 }, { arbitrary: oddTarget, weight: 1 }),
  origin: fc.option<string, null>(origin, { freq: 2, nil: null }),
  headers: fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 2 },
    { arbitrary: fc.array(headerLine, { maxLength: 3 }), weight: 1 },
  ),
  frames: fc.array(frame, { maxLength: 6 }),
});
const bytesCase: fc.Arbitrary<Case> = fc.record({
  kind: fc.constant("bytes" as const),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from("GET /ws HTTP/1.1\r\n"), b])),
  ),
});
const anyCase = fc.oneof(
  { arbitrary: requestCase, weight: 4 },
  { arbitrary: upgradeCase, weight: 5 },
  { arbitrary: bytesCase, weight: 1 },
);

// ---- the test -----------------------------------------------------------------------------------------------------

describe("raw-socket and WebSocket fuzz", () => {
  let hall: TestHall;
  let port: number;
  let tokens: Record<Placeholder, string>;
  const lines: string[] = [];

  beforeAll(async () => {
    hall = await startTestHall({
      // Debug: every refusal and every answered request is logged, so the no-token check sees them all.
      log: createLogger({ level: "debug", destination: { write: (l: string) => void lines.push(l) } }),
      // The fuzz is not a load test: keep every rate limit (api/rateLimits.ts) out of its way.
      config: {
        rateLimits: Object.fromEntries(
          RATE_LIMIT_NAMES.map((name) => [name, { capacity: 1_000_000, refillPerSecond: 1_000_000 }]),
        ),
      },
    });
    port = Number(new URL(hall.url).port);
    tokens = { "{screen}": hall.device("screen"), "{staff}": await hall.login("GW005", 3), "{port}": String(port) };
  });
  afterAll(async () => hall.close());

  const fill = (text: string) => text.replace(/\{screen\}|\{staff\}|\{port\}/g, (p) => tokens[p as Placeholder]);
  /** The bytes of a case: what is sent first and, for upgrades, the frames sent once the server answered. */
  const encode = (c: Case): [Buffer, Buffer?] => {
    switch (c.kind) {
      case "bytes":
        return [Buffer.from(c.bytes)];
      case "upgrade": {
        const extra = [...(c.origin === null ? [] : [`Origin: ${c.origin}`]), ...c.headers].map((h) => `${h}\r\n`);
        return [upgradeRequest(fill(c.target), fill(extra.join(""))), Buffer.concat(c.frames)];
      }
      case "request":
        return [
          Buffer.from(
            fill(
              `${c.method} ${c.target} ${c.version}${c.eol}${c.headers.map((h) => h + c.eol).join("")}${c.eol}${c.body}`,
            ),
            "latin1",
          ),
        ];
    }
  };
  const state = () => {
    const count = (table: string) =>
      hall.server.ctx.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n;
    return {
      seq: hall.server.ctx.events.lastSeq(),
      tickets: count("tickets"),
      sessions: count("sessions"),
      devices: count("devices"),
      audit: count("audit"),
      windows: hall.server.ctx.db.prepare("SELECT id, state, staff_id FROM windows ORDER BY id").all(),
    };
  };

  it("when an upgrade's request target cannot be parsed (//x:99999/ws), then it is refused with 400 and the server keeps serving", async () => {
    const { answer, hung } = await exchange(port, upgradeRequest("//x:99999/ws"));
    expect(hung).toBe(false);
    expect(answer.toString("latin1")).toMatch(/^HTTP\/1\.1 400 /);
    expect((await hall.api("GET", "/health")).status).toBe(200);
  });

  it.each(["http://x:99999/ws", "//[::1/ws", "*", "127.0.0.1:1"])(
    "when an upgrade's target is not a /path (%s), then it is refused with 400 and the server keeps serving",
    async (odd) => {
      const { answer } = await exchange(port, upgradeRequest(odd.replace("{port}", String(port))));
      expect(answer.toString("latin1")).toMatch(/^HTTP\/1\.1 400 /);
      expect((await hall.api("GET", "/health")).status).toBe(200);
    },
  );

  it(
    `when ${RUNS} fuzzed requests, upgrades and frames arrive, then each gets an HTTP answer or a hang-up, /health still answers, nothing changed and no token was logged`,
    async () => {
      const before = state();
      const seen = { request: 0, upgrade: 0, bytes: 0, upgraded: 0 };
      await fc.assert(
        fc.asyncProperty(anyCase, async (c) => {
          seen[c.kind]++;
          const { answer, hung } = await exchange(port, ...encode(c));
          expect(hung).toBe(false);
          const text = answer.toString("latin1");
          // The server speaks HTTP or hangs up; a 101 is followed by the snapshot and then frames.
          if (text !== "") expect(text).toMatch(/^HTTP\/1\.[01] \d{3} /);
          if (text.startsWith("HTTP/1.1 101 ")) seen.upgraded++;
        }),
        { numRuns: RUNS },
      );
      expect((await hall.api("GET", "/health")).status).toBe(200);
      expect(state()).toEqual(before);
      console.info(`raw-socket fuzz: ${RUNS} cases ${JSON.stringify(seen)}`);
      const log = lines.join("");
      for (const token of [tokens["{screen}"], tokens["{staff}"]]) expect(log).not.toContain(token);
      // The generators reach every branch: plain requests, refused and accepted upgrades, raw bytes.
      expect(seen.upgraded).toBeGreaterThan(RUNS / 20);
      expect(seen.request + seen.bytes).toBeGreaterThan(RUNS / 4);
      // A guard against a hang, sized for FUZZ_RUNS; 5,000 cases take a few seconds.
    },
    60_000 + RUNS * 100,
  );
});
