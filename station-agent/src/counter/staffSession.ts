/**
 * The signed-in staff member's session at this counter. The PIN goes to the hall-server once (POST /api/auth/login
 * with the counter's device token, at this window) and is not kept; the session token stays here, never sent to a
 * page. A second /ws held with the session token tells at once when the hall ends the session (sign-out elsewhere,
 * a supervisor's release, expiry, revocation: close 4401, or 401 on reconnect).
 *
 *   signIn(employeeNo, pin) --login--> token, staff, items --photo (device token, 404 tolerated)--> "changed"
 *   session /ws closes 4401 | a call answers 401 --> end("session_expired") --> "ended"
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { LoginResult } from "@onewindow/contract";
import { HallClient, HallError } from "../hall/hallClient.ts";
import { HallLink } from "../hall/hallLink.ts";

/** The session as the counter uses it (the token is only read by `client`). */
export interface StaffSessionInfo {
  readonly employeeNo: string;
  readonly name: string;
  /** Item codes this staff member serves at this window. */
  readonly items: readonly string[];
  /** A data: URL of the staff photo, or null. */
  readonly photo: string | null;
}

export interface StaffSessionEvents {
  /** Signed in, signed out, or the photo arrived. */
  changed: [];
  /** The hall ended the session (not a sign-out from this counter): `reason` a SignOutReason or "session_expired". */
  ended: [string];
}

export interface StaffSessionOptions {
  readonly baseUrl: string;
  readonly windowNumber: number;
  /** The counter's device client (login and the photo go with the device token). */
  readonly device: HallClient;
  readonly log: Logger;
  readonly reconnectMs?: { readonly initial: number; readonly max: number };
}

/** Largest staff photo the agent passes to its pages, bytes (the hall caps uploads at 200 KB). */
const MAX_PHOTO_BYTES = 256 * 1024;

export class StaffSession extends EventEmitter<StaffSessionEvents> {
  private token: string | undefined;
  private leaving_ = false;
  private info_: StaffSessionInfo | undefined;
  private link: HallLink | undefined;
  /** Requests with the session token. */
  readonly client: HallClient;

  constructor(private readonly options: StaffSessionOptions) {
    super();
    this.client = new HallClient({ baseUrl: options.baseUrl, token: () => this.token });
  }

  get info(): StaffSessionInfo | undefined {
    return this.info_;
  }

  /** Sign in at this window. Rejects with HallError (the hall's refusal, or unreached). */
  async signIn(employeeNo: string, pin: string): Promise<void> {
    const answer = LoginResult.parse(
      await this.options.device.call("POST", "/api/auth/login", {
        employeeNo,
        pin,
        windowNumber: this.options.windowNumber,
      }),
    );
    this.stopLink();
    this.token = answer.token;
    this.info_ = { employeeNo: answer.staff.employeeNo, name: answer.staff.name, items: answer.items, photo: null };
    const link = new HallLink({
      baseUrl: this.options.baseUrl,
      token: () => this.token,
      log: this.options.log.child({ module: "staff-link" }),
      reconnectMs: this.options.reconnectMs,
    });
    link.on("credentialsEnded", () => {
      // Our own sign-out closes this socket too, before the logout is answered: that is no loss of the session.
      if (this.link === link && !this.leaving_) this.end("session_expired");
    });
    this.link = link;
    link.start();
    this.emit("changed");
    void this.fetchPhoto(answer.staff.employeeNo);
  }

  /** Sign out at the hall, then here. Rejects with HallError when the hall refuses (e.g. a citizen still called). */
  async signOut(): Promise<void> {
    this.leaving_ = true;
    try {
      await this.client.call("POST", "/api/auth/logout", {});
    } catch (error) {
      // A session the hall already ended is signed out all the same.
      if (!(error instanceof HallError && error.status === 401)) throw error;
    } finally {
      this.leaving_ = false;
    }
    this.clear();
    this.emit("changed");
  }

  /** A sign-out from this counter is under way (its echoes are not a loss of the session). */
  get leaving(): boolean {
    return this.leaving_;
  }

  /** The hall ended the session (`reason` why): forget it and say so once. */
  end(reason: string): void {
    if (!this.token) return;
    this.clear();
    this.emit("ended", reason);
    this.emit("changed");
  }

  stop(): void {
    this.stopLink();
  }

  private clear(): void {
    this.stopLink();
    this.token = undefined;
    this.info_ = undefined;
  }

  private stopLink(): void {
    this.link?.removeAllListeners();
    this.link?.stop();
    this.link = undefined;
  }

  /** The staff photo as a data: URL (GET /api/staff/:employeeNo/photo); absent or unreadable: none. */
  private async fetchPhoto(employeeNo: string): Promise<void> {
    const token = this.token;
    try {
      const response = await fetch(
        new URL(`/api/staff/${encodeURIComponent(employeeNo)}/photo`, this.options.baseUrl),
        { headers: { authorization: `Bearer ${this.deviceToken() ?? ""}` }, signal: AbortSignal.timeout(5000) },
      );
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok || !/^image\/(jpeg|png)\b/.test(type)) return;
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > MAX_PHOTO_BYTES || this.token !== token || !this.info_) return;
      this.info_ = { ...this.info_, photo: `data:${type.split(";")[0]};base64,${bytes.toString("base64")}` };
      this.emit("changed");
    } catch (error) {
      this.options.log.debug({ err: error }, "staff photo not read");
    }
  }

  private deviceToken(): string | undefined {
    return this.options.device.token();
  }
}
