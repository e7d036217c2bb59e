import { describe, expect, it } from "vitest";
import {
  AgentMessage,
  PageMessage,
  SealedFrame,
  ageOn,
  formatAgentFragment,
  isAppointmentCode,
  parseAgentFragment,
  sealOf,
  sealPageMessage,
} from "./agent.ts";

const secret = "A".repeat(40) + "b_-";

describe("agent fragment", () => {
  it("when formatted and parsed, then the address and secret come back", () => {
    const address = { url: "ws://127.0.0.1:41234/", secret };
    expect(parseAgentFragment("#" + formatAgentFragment(address))).toEqual(address);
  });

  it("when the address is not loopback or the secret malformed, then the error names it", () => {
    const remote = formatAgentFragment({ url: "ws://10.0.0.5:41234/", secret });
    expect(parseAgentFragment(remote)).toEqual({ error: "agent address must be ws://127.0.0.1:<port>" });
    expect(parseAgentFragment(formatAgentFragment({ url: "ws://127.0.0.1:1/", secret: "short" }))).toEqual({
      error: "agent secret is 43 base64url characters",
    });
    expect(parseAgentFragment("#secret=" + secret)).toEqual({
      error: "the page address has no agent= in its fragment",
    });
    expect(parseAgentFragment("agent=ws://127.0.0.1:5")).toEqual({
      error: "the page address has no secret= in its fragment",
    });
  });
});

describe("sealed page messages", () => {
  it("when sealed, then the frame carries the seq and a seal only the same secret, nonce and seq reproduce", async () => {
    const text = await sealPageMessage(secret, "nonce-1", 3, { type: "hello", page: "kiosk" });
    const frame = SealedFrame.parse(JSON.parse(text));
    expect(frame.seq).toBe(3);
    expect(frame.mac).toBe(await sealOf(secret, "nonce-1", 3, frame.payload));
    expect(frame.mac).not.toBe(await sealOf(secret, "nonce-2", 3, frame.payload));
    expect(frame.mac).not.toBe(await sealOf(secret, "nonce-1", 4, frame.payload));
    expect(frame.mac).not.toBe(await sealOf("B".repeat(43), "nonce-1", 3, frame.payload));
    expect(text).not.toContain(secret);
  });

  it("when a take names no priority, then it defaults to normal without the card; unknown fields are refused", () => {
    const take = { type: "take", requestId: "6f1c1b5e-8a43-4c1e-9a51-2f6a3c1d9e10", itemCode: "A01" };
    expect(PageMessage.parse(take)).toEqual({ ...take, priority: "normal", useCard: false });
    expect(PageMessage.safeParse({ ...take, priority: "green" }).success).toBe(false);
    expect(PageMessage.safeParse({ ...take, idNumber: "110101198506121234" }).success).toBe(false);
  });

  it("when the agent says a card is there, then only masked fields are allowed", () => {
    const card = { nameMasked: "张*", idMasked: "110***********1234", elderly: false };
    expect(AgentMessage.safeParse({ type: "card", card }).success).toBe(true);
    expect(AgentMessage.safeParse({ type: "card", card: { ...card, idNumber: "110101198506121234" } }).success).toBe(
      false,
    );
  });
});

describe("small helpers", () => {
  it("when a string is an 8-character code, then it is an appointment code; anything else is not", () => {
    expect(isAppointmentCode("AB12CD34")).toBe(true);
    expect(isAppointmentCode("ab12cd34")).toBe(false);
    expect(isAppointmentCode("https://example.com")).toBe(false);
  });

  it("when a birthday has not come yet this year, then the age is one less", () => {
    expect(ageOn("19650612", "20251201")).toBe(60);
    expect(ageOn("19650612", "20250611")).toBe(59);
  });
});
