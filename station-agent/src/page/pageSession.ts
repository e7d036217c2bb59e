/**
 * One page connection's guard and dispatcher: it checks every frame before anything acts on it.
 *
 *   frame --size <= AGENT_MAX_MESSAGE_BYTES?--text?--JSON?--SealedFrame?--seal matches (secret, nonce, seq)?
 *         --seq > last seq?--payload is a PageMessage?--"hello" first?--> handler
 *   any "no" --> { type: "error", reason } to this page, nothing else changes; a bad seal before "hello" closes it
 *
 * The seal binds a frame to this connection's nonce and its position, so a frame copied from another connection, a
 * replayed frame and one made without the secret are all refused. No I/O here: the socket server feeds it.
 */
import {
  AGENT_MAX_MESSAGE_BYTES,
  AGENT_PROTOCOL,
  PageMessage,
  SealedFrame,
  sameSeal,
  sealOf,
  type AgentMessage,
  type ParsedPageMessage,
} from "@onewindow/contract";
import { z } from "zod";

export type RefusalCode =
  "too_large" | "not_text" | "malformed" | "forged" | "replayed" | "hello_first" | "unknown_message";

const words: Record<RefusalCode, { zh: string; en: string }> = {
  too_large: { zh: "消息过大，已拒绝", en: `message refused: larger than ${AGENT_MAX_MESSAGE_BYTES} bytes` },
  not_text: { zh: "消息格式错误，已拒绝", en: "message refused: binary frames are not accepted" },
  malformed: { zh: "消息格式错误，已拒绝", en: "message refused: not a sealed frame {seq, mac, payload}" },
  forged: { zh: "消息签名无效，已拒绝", en: "message refused: its seal does not match (wrong secret or altered)" },
  replayed: { zh: "重复的消息，已拒绝", en: "message refused: its seq is not above the last one (replayed)" },
  hello_first: { zh: "请先发送 hello", en: "message refused: the first message must be hello" },
  unknown_message: { zh: "无法识别的请求，已拒绝", en: "message refused: not a known page message" },
};

/** What the session does with a frame: dispatch it, refuse it, or refuse it and close the connection. */
export type SessionVerdict =
  | { readonly kind: "accepted"; readonly message: ParsedPageMessage }
  | { readonly kind: "refused"; readonly code: RefusalCode; readonly close: boolean };

/** The "error" message for a refusal (details of a schema failure appended to the English words). */
export function refusalMessage(code: RefusalCode, detail?: string): AgentMessage {
  const base = words[code];
  return { type: "error", reason: { code, words: { zh: base.zh, en: detail ? `${base.en}: ${detail}` : base.en } } };
}

/** Guards one connection. */
export class PageSession {
  private lastSeq = 0;
  private authed = false;
  /** Detail of the last refusal (which field was wrong), for the error message. */
  lastDetail: string | undefined;

  constructor(
    private readonly secret: string,
    readonly nonce: string,
  ) {}

  /** The first message to send on this connection. */
  challenge(): AgentMessage {
    return { type: "challenge", protocol: AGENT_PROTOCOL, nonce: this.nonce };
  }

  get authenticated(): boolean {
    return this.authed;
  }

  /** Check one frame. `data` is the raw frame; `isBinary` as the socket says. */
  async check(data: Buffer | string, isBinary: boolean): Promise<SessionVerdict> {
    this.lastDetail = undefined;
    const refuse = (code: RefusalCode, detail?: string): SessionVerdict => {
      this.lastDetail = detail;
      // Before hello a bad seal means a wrong secret: that page gets nothing more.
      return { kind: "refused", code, close: !this.authed && (code === "forged" || code === "malformed") };
    };
    const size = typeof data === "string" ? Buffer.byteLength(data) : data.length;
    if (size > AGENT_MAX_MESSAGE_BYTES) return refuse("too_large");
    if (isBinary) return refuse("not_text");
    let json: unknown;
    try {
      json = JSON.parse(typeof data === "string" ? data : data.toString("utf8"));
    } catch {
      return refuse("malformed", "not JSON");
    }
    const frame = SealedFrame.safeParse(json);
    if (!frame.success) return refuse("malformed", z.prettifyError(frame.error).replace(/\n/g, " "));
    const { seq, mac, payload } = frame.data;
    const expected = await sealOf(this.secret, this.nonce, seq, payload);
    if (!sameSeal(mac, expected)) return refuse("forged");
    if (seq <= this.lastSeq) return refuse("replayed", `seq ${seq} after ${this.lastSeq}`);
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return refuse("malformed", "payload is not JSON");
    }
    const message = PageMessage.safeParse(body);
    if (!message.success) return refuse("unknown_message", z.prettifyError(message.error).replace(/\n/g, " "));
    if (!this.authed && message.data.type !== "hello") return refuse("hello_first");
    this.lastSeq = seq;
    this.authed = true;
    return { kind: "accepted", message: message.data };
  }
}
