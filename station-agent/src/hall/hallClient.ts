/**
 * The agent's REST client of the hall-server (interfaces A): pairing, health, the catalogue, the two-phase issue and device command
 * results, each with the station's device token. Errors are HallError: `status` 0 when the server was not reached
 * (nothing is known of the request's effect), else the HTTP status with the server's stable error code and message.
 */
import type { z } from "zod";
import { CatalogDocument, WaitInfo } from "@onewindow/contract";
import type { TicketPrintData, ReservedTicket, VoidReason, IssuedTicketAnswer, ReserveBody } from "./hallTypes.ts";

/** A failed call: not reached (`status` 0), or answered with an error. */
export class HallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HallError";
  }

  /** The server was not reached or did not answer: the request may or may not have taken effect. */
  get unreached(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export interface HallClientOptions {
  readonly baseUrl: string;
  /** The device token (undefined before pairing). */
  readonly token: () => string | undefined;
  /** Per-request timeout, ms (default 5000). */
  readonly timeoutMs?: number;
}

/** One JSON request against the hall-server. */
export class HallClient {
  constructor(private readonly options: HallClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** The token requests go with now (undefined: none). */
  token(): string | undefined {
    return this.options.token();
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = this.options.token();
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new HallError(0, "unreached", `hall-server not reached: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => "");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new HallError(
        response.status,
        error?.code ?? "http_" + response.status,
        error?.message ?? response.statusText,
      );
    }
    return json as T;
  }

  /** The catalogue without staff (GET /api/catalog, the station's token), checked against the contract. */
  async catalog(): Promise<z.infer<typeof CatalogDocument>> {
    const parsed = CatalogDocument.safeParse(await this.call("GET", "/api/catalog"));
    if (!parsed.success) throw new HallError(502, "bad_answer", "the hall-server's catalogue is not a catalogue");
    return parsed.data;
  }

  /** What a ticket of `itemCode` taken now would wait (GET /api/items/:code/wait), checked against the contract. */
  async itemWait(itemCode: string): Promise<WaitInfo> {
    const parsed = WaitInfo.safeParse(await this.call("GET", `/api/items/${encodeURIComponent(itemCode)}/wait`));
    if (!parsed.success) throw new HallError(502, "bad_answer", "the hall-server's item wait is not a wait");
    return parsed.data;
  }

  /** Redeem an 8-digit pairing code: the device token (never shown to the page). */
  pair(code: string): Promise<{ token: string; device: { name: string; kind: string } }> {
    return this.call("POST", "/api/devices/pair", { code });
  }

  reportHealth(devices: { name: string; state: string; reason: string }[]): Promise<unknown> {
    return this.call("POST", "/api/devices/self/health", { devices });
  }

  /** Reserve a number (idempotent per requestKey). */
  reserve(body: ReserveBody): Promise<ReservedTicket> {
    return this.call("POST", "/api/tickets/reservations", body);
  }

  /** The reserved ticket printed: it joins the queue. 409 when it was voided meanwhile. */
  printed(ticketId: number): Promise<IssuedTicketAnswer> {
    return this.call("POST", `/api/tickets/${ticketId}/printed`, {});
  }

  /** Void a reservation that will not print. 409 when it was already confirmed printed. */
  void(ticketId: number, reason: VoidReason, detail?: string): Promise<unknown> {
    return this.call(
      "POST",
      `/api/tickets/${ticketId}/void`,
      detail ? { reason, detail: detail.slice(0, 200) } : { reason },
    );
  }

  commandResult(id: number, ok: boolean, reason?: string): Promise<unknown> {
    return this.call(
      "POST",
      `/api/devices/self/commands/${id}/result`,
      reason ? { ok, reason: reason.slice(0, 200) } : { ok },
    );
  }
}

export type { TicketPrintData };
