import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENT_MAX_MESSAGE_BYTES, sealOf, sealPageMessage, type PageMessage } from "@onewindow/contract";
import { PageSession } from "./pageSession.ts";

const secret = "s".repeat(43);
const take: PageMessage = { type: "take", requestId: "6f1c1b5e-8a43-4c1e-9a51-2f6a3c1d9e10", itemCode: "A01" };

async function helloed(): Promise<PageSession> {
  const session = new PageSession(secret, "nonce-a");
  const verdict = await session.check(
    await sealPageMessage(secret, "nonce-a", 1, { type: "hello", page: "kiosk" }),
    false,
  );
  expect(verdict.kind).toBe("accepted");
  return session;
}

describe("PageSession guards", () => {
  it("when a page seals hello with the secret, then it is accepted and the session is authenticated", async () => {
    const session = await helloed();
    expect(session.authenticated).toBe(true);
    const verdict = await session.check(await sealPageMessage(secret, "nonce-a", 2, take), false);
    expect(verdict).toMatchObject({ kind: "accepted", message: { type: "take", itemCode: "A01", priority: "normal" } });
  });

  it("when hello is sealed with a wrong secret, then it is refused as forged and the connection is to close", async () => {
    const session = new PageSession(secret, "nonce-a");
    const frame = await sealPageMessage("w".repeat(43), "nonce-a", 1, { type: "hello", page: "kiosk" });
    expect(await session.check(frame, false)).toEqual({ kind: "refused", code: "forged", close: true });
    expect(session.authenticated).toBe(false);
  });

  it("when a frame is replayed, then it is refused and a later fresh frame still passes", async () => {
    const session = await helloed();
    const frame = await sealPageMessage(secret, "nonce-a", 2, take);
    expect((await session.check(frame, false)).kind).toBe("accepted");
    expect(await session.check(frame, false)).toEqual({ kind: "refused", code: "replayed", close: false });
    expect((await session.check(await sealPageMessage(secret, "nonce-a", 3, take), false)).kind).toBe("accepted");
  });

  it("when a frame sealed for another connection (other nonce) arrives, then it is refused as forged", async () => {
    const session = await helloed();
    const frame = await sealPageMessage(secret, "nonce-b", 2, take);
    expect(await session.check(frame, false)).toMatchObject({ kind: "refused", code: "forged" });
  });

  it("when the payload is altered after sealing, then it is refused as forged", async () => {
    const session = await helloed();
    const frame = JSON.parse(await sealPageMessage(secret, "nonce-a", 2, take)) as { payload: string };
    frame.payload = frame.payload.replace("A01", "B02");
    expect(await session.check(JSON.stringify(frame), false)).toMatchObject({ kind: "refused", code: "forged" });
  });

  it("when a seq is lowered with a fresh seal (the secret known but seq reused), then it is refused as replayed", async () => {
    const session = await helloed();
    expect((await session.check(await sealPageMessage(secret, "nonce-a", 5, take), false)).kind).toBe("accepted");
    expect(await session.check(await sealPageMessage(secret, "nonce-a", 4, take), false)).toMatchObject({
      code: "replayed",
    });
  });

  it("when a frame is oversized, binary, not JSON or not a sealed frame, then each is refused by name", async () => {
    const session = await helloed();
    expect(await session.check("x".repeat(AGENT_MAX_MESSAGE_BYTES + 1), false)).toMatchObject({ code: "too_large" });
    expect(await session.check(Buffer.from("{}"), true)).toMatchObject({ code: "not_text" });
    expect(await session.check("{not json", false)).toMatchObject({ code: "malformed" });
    expect(await session.check(JSON.stringify({ seq: 9, payload: "{}" }), false)).toMatchObject({ code: "malformed" });
    expect(session.lastDetail).toContain("mac");
  });

  it("when a sealed payload is no known message, then it is refused naming the field; the seq is not used up", async () => {
    const session = await helloed();
    const payload = JSON.stringify({ type: "take", requestId: "not-a-uuid", itemCode: "A01" });
    const frame = JSON.stringify({ seq: 2, mac: await sealOf(secret, "nonce-a", 2, payload), payload });
    expect(await session.check(frame, false)).toMatchObject({ kind: "refused", code: "unknown_message" });
    expect(session.lastDetail).toContain("requestId");
    expect((await session.check(await sealPageMessage(secret, "nonce-a", 2, take), false)).kind).toBe("accepted");
  });

  it("when the first message is not hello, then it is refused and the session stays unauthenticated", async () => {
    const session = new PageSession(secret, "nonce-a");
    expect(await session.check(await sealPageMessage(secret, "nonce-a", 1, take), false)).toMatchObject({
      code: "hello_first",
    });
    expect(session.authenticated).toBe(false);
  });
});

describe("PageSession under arbitrary frames", () => {
  it("when any text or bytes arrive, then check never throws and nothing unsealed is ever accepted", async () => {
    const session = await helloed();
    const frame = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc
        .record({ seq: fc.integer(), mac: fc.string({ maxLength: 60 }), payload: fc.string({ maxLength: 100 }) })
        .map((f) => JSON.stringify(f)),
    );
    await fc.assert(
      fc.asyncProperty(frame, fc.boolean(), async (data, binary) => {
        const verdict = await session.check(data, binary);
        expect(verdict.kind).toBe("refused");
      }),
      { numRuns: 300 },
    );
    expect((await session.check(await sealPageMessage(secret, "nonce-a", 2, take), false)).kind).toBe("accepted");
  });
});
