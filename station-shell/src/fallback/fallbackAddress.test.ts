import { describe, expect, it } from "vitest";
import { formatFallbackFragment, healthUrlOf, parseFallbackFragment } from "./fallbackAddress.ts";

const kioskUrl = "http://192.168.1.10:8080/kiosk#agent=ws%3A%2F%2F127.0.0.1%3A41234%2F&secret=" + "s".repeat(43);

describe("the fallback page's fragment", () => {
  it("when written and read back, then the return URL (its own fragment included), wait and reason survive", () => {
    const fragment = formatFallbackFragment({ returnUrl: kioskUrl, waitSeconds: 5, reason: "server-error" });
    expect(parseFallbackFragment(`#${fragment}`)).toEqual({
      returnUrl: kioskUrl,
      waitSeconds: 5,
      reason: "server-error",
    });
  });

  it("when the wait is fractional, negative or huge, then it is written as whole seconds within 0..600", () => {
    const wait = (waitSeconds: number) =>
      new URLSearchParams(formatFallbackFragment({ returnUrl: kioskUrl, waitSeconds, reason: "restarting" })).get(
        "wait",
      );
    expect([wait(4.2), wait(-3), wait(90_000)]).toEqual(["5", "0", "600"]);
  });

  it.each([
    ["", "no return="],
    ["return=not%20a%20url", "not a URL"],
    ["return=javascript%3Aalert(1)", "http(s)"],
    ["return=file%3A%2F%2F%2Fetc%2Fpasswd", "http(s)"],
    ["return=http%3A%2F%2Fh%2Fkiosk&wait=-1", "wait="],
    ["return=http%3A%2F%2Fh%2Fkiosk&wait=601", "wait="],
    ["return=http%3A%2F%2Fh%2Fkiosk&wait=1e2", "wait="],
    ["return=http%3A%2F%2Fh%2Fkiosk&reason=bored", "reason="],
  ])("when the fragment is %j, then it is refused naming %s", (fragment, named) => {
    const parsed = parseFallbackFragment(fragment);
    expect(parsed).toHaveProperty("error");
    expect((parsed as { error: string }).error).toContain(named);
  });

  it("when reason and wait are left out, then it probes at once for an unreachable server", () => {
    expect(parseFallbackFragment("return=https%3A%2F%2Fhall.example%2Fkiosk")).toEqual({
      returnUrl: "https://hall.example/kiosk",
      waitSeconds: 0,
      reason: "unreachable",
    });
  });

  it("when asked for the health URL of a kiosk page, then it is the page's origin + /health, fragment dropped", () => {
    expect(healthUrlOf(kioskUrl)).toBe("http://192.168.1.10:8080/health");
  });
});
