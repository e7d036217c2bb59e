/**
 * A real hall-server for tests: temporary directory, real SQLite file, real HTTP on loopback port 0, the demo
 * catalogue, a controllable clock and helpers to pair devices and sign staff in. Used by API tests and benchmarks.
 *
 * The contract is checked on every test hall: each HTTP answer is parsed against its route's answer schema and each
 * error code against the route's declared codes (AppOptions.checkAnswers in api/app.ts), and each event the hall
 * emits against `HallEvent`. Mismatches are collected in `contractProblems`, and `close()` throws when there are
 * any, so a wrong answer or event fails the test file that produced it.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Catalog, HallEvent } from "@onewindow/contract";
import { pino, type Logger } from "pino";
import { resolveConfig, type HallConfig } from "../config.ts";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { generateKeyring } from "../security/index.ts";
import { createHallServer, type HallServer } from "../server.ts";
import { importCatalogJson } from "../services/catalogAdmin.ts";
import { createDevice, pairDevice } from "../services/devices.ts";

type CreateHallServerOptions = NonNullable<Parameters<typeof createHallServer>[1]>;

/** Wednesday 2026-11-25 10:00 in Asia/Shanghai: inside the demo hall's service hours. */
export const WEDNESDAY_10AM = Date.parse("2026-11-25T10:00:00+08:00");

export interface TestHall {
  server: HallServer;
  url: string;
  dir: string;
  clock: { now: number; advance(ms: number): void };
  /** Pair a device of `kind` and return its bearer token. */
  device(kind: "kiosk" | "counter" | "screen" | "gateway", windowNumber?: number): string;
  /** Sign a staff member in (at a window through a fresh counter device, or on the admin page) and return the token. */
  login(employeeNo: string, windowNumber?: number): Promise<string>;
  /** One request; the answer's body parsed when it is JSON, else its text (undefined when empty). */
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  /**
   * `api` as seen from another source address on the loopback network (e.g. "127.0.0.2"; Linux routes all of
   * 127.0.0.0/8 to lo), so per-source limits and lockouts can be told apart in one test. Also returns `retryAfter`.
   */
  apiFrom(
    source: string,
  ): <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ) => Promise<{ status: number; body: T; retryAfter: string | undefined }>;
  /**
   * A kiosk's two-phase issue as its station agent does it: reserve with a fresh requestKey (`issue` or `checkIn`
   * body), then confirm printed. A refused reservation is answered as is; otherwise the reservation's status (201)
   * with the confirm's IssuedTicket (plus `late` for a check-in). Throws when the confirm itself is refused.
   */
  takeAtKiosk<T = unknown>(
    kioskToken: string,
    request: { issue: unknown } | { checkIn: unknown },
  ): Promise<{ status: number; body: T }>;
  /** Answers, error codes and events that broke the contract so far (see the file's comment). */
  contractProblems: string[];
  /** Stop the server and remove its directory; throws when `contractProblems` is not empty. */
  close(): Promise<void>;
}

export const demoStaffPin = "123456";
export const demoAdminPassword = "onewindow-admin";

export async function startTestHall(
  options: {
    config?: Partial<HallConfig>;
    dir?: string;
    startAt?: number;
    catalog?: Catalog;
    wsHeartbeatMs?: number;
    /** Period of the lapsed-reservation sweep (ms; see createHallServer). */
    reservationSweepMs?: number;
    /** Period of the default-rating sweep (ms; see createHallServer). */
    ratingSweepMs?: number;
    /** The server's logger (default: silent). */
    log?: Logger;
    /** Accept this bearer token from this machine as the hall's operator (the CLI's credential). */
    operatorToken?: string;
    /** The pages served beside the API (default: the hall's). */
    pages?: CreateHallServerOptions["pages"];
    /** The token keys (default: fresh ones); pass a stopped hall's `server.ctx.keyring` to reopen it with its tokens. */
    keyring?: CreateHallServerOptions["keyring"];
  } = {},
): Promise<TestHall> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "onewindow-hall-"));
  // The voice is off unless a test configures it: rendering its segments in every test hall would cost each one
  // a hundred espeak-ng runs (voice tests turn it on with `config.voice`).
  const config = resolveConfig(
    { port: 0, hashCost: 10, logLevel: "silent", voice: { engine: "off" }, ...options.config },
    dir,
  );
  const contractProblems: string[] = [];
  const clock = {
    now: options.startAt ?? WEDNESDAY_10AM,
    advance(ms: number) {
      this.now += ms;
    },
  };
  const server = createHallServer(config, {
    clock: () => clock.now,
    log: options.log ?? pino({ level: "silent" }),
    keyring: options.keyring ?? generateKeyring(),
    wsHeartbeatMs: options.wsHeartbeatMs,
    reservationSweepMs: options.reservationSweepMs,
    ratingSweepMs: options.ratingSweepMs,
    operatorToken: options.operatorToken,
    pages: options.pages,
    checkAnswers: (problem) => contractProblems.push(problem),
  });
  server.ctx.bus.on("event", (event: unknown) => {
    const parsed = HallEvent.safeParse(event);
    if (!parsed.success)
      contractProblems.push(`event outside HallEvent: ${parsed.error.message} in ${JSON.stringify(event)}`);
  });
  if (server.ctx.catalog.itemsById.size === 0)
    await importCatalogJson(server.ctx, options.catalog ?? Catalog.parse(demoCatalog));
  const address = await server.start();
  const url = `http://127.0.0.1:${address.port}`;

  const api: TestHall["api"] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    // JSON answers parsed; the reference page and text documents come back as text.
    const json = res.headers.get("content-type")?.startsWith("application/json") ?? false;
    return { status: res.status, body: (text && json ? JSON.parse(text) : text || undefined) as never };
  };
  const device: TestHall["device"] = (kind, windowNumber) =>
    pairDevice(
      server.ctx,
      createDevice(server.ctx, { name: `${kind}-${windowNumber ?? "x"}`, kind, windowNumber }).pairingCode,
    ).token;

  const apiFrom: TestHall["apiFrom"] =
    (source) =>
    <T>(method: string, path: string, body?: unknown, token?: string) =>
      new Promise<{ status: number; body: T; retryAfter: string | undefined }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = request(
          url + path,
          {
            method,
            localAddress: source,
            agent: false,
            headers: {
              ...(payload === undefined ? {} : { "content-type": "application/json" }),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (text += chunk));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                body: (text ? JSON.parse(text) : undefined) as T,
                retryAfter: res.headers["retry-after"],
              }),
            );
          },
        );
        req.once("error", reject);
        req.end(payload);
      });

  const takeAtKiosk: TestHall["takeAtKiosk"] = async (kioskToken, request) => {
    type Reserved = { ticket: { id: number }; late?: boolean };
    const reserved = await api<Reserved>(
      "POST",
      "/api/tickets/reservations",
      { requestKey: randomUUID(), ...request },
      kioskToken,
    );
    if (reserved.status !== 201) return reserved as never;
    const printed = await api<object>("POST", `/api/tickets/${reserved.body.ticket.id}/printed`, {}, kioskToken);
    if (printed.status !== 200) throw new Error(`confirming a printed ticket failed: ${JSON.stringify(printed.body)}`);
    const late = reserved.body.late === undefined ? {} : { late: reserved.body.late };
    return { status: reserved.status, body: { ...printed.body, ...late } as never };
  };

  return {
    server,
    url,
    dir,
    apiFrom,
    takeAtKiosk,
    clock,
    device,
    async login(employeeNo, windowNumber) {
      const admin = server.ctx.catalog.staffByNo.get(employeeNo)?.role === "admin";
      const credentials = windowNumber === undefined && admin ? { password: demoAdminPassword } : { pin: demoStaffPin };
      const counter = windowNumber === undefined ? undefined : device("counter", windowNumber);
      const res = await api<{ token: string }>(
        "POST",
        "/api/auth/login",
        { employeeNo, windowNumber, ...credentials },
        counter,
      );
      if (res.status !== 200) throw new Error(`login ${employeeNo} failed: ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    api,
    contractProblems,
    async close() {
      await server.stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
      if (contractProblems.length > 0)
        throw new Error(`the hall broke its API contract:\n${contractProblems.join("\n")}`);
    },
  };
}
