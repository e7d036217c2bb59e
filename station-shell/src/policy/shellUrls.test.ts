import { parseAgentFragment } from "@onewindow/contract";
import { describe, expect, it } from "vitest";
import { parseFallbackFragment } from "../fallback/fallbackAddress.ts";
import { FALLBACK_PAGE_URL, fallbackPageUrl, forLog, pageBase, pageUrl, pairingPageUrl } from "./shellUrls.ts";

const agent = { url: "ws://127.0.0.1:41234/", secret: "Zk3-_abcdefghijklmnopqrstuvwxyz0123456789AB" };

describe("a shell page's URL (the kiosk page)", () => {
  it("when built, then the agent's address and secret are in the fragment and nowhere before it", () => {
    const url = new URL(pageUrl("http://192.168.1.10:8080", "/kiosk", agent));
    expect(url.origin + url.pathname).toBe("http://192.168.1.10:8080/kiosk");
    expect(url.search).toBe("");
    expect(parseAgentFragment(url.hash)).toEqual(agent);
    const beforeFragment = url.href.slice(0, url.href.indexOf("#"));
    expect(beforeFragment).not.toContain(agent.secret);
    expect(beforeFragment).not.toContain("41234");
  });

  it("when the hall URL carries a query, then the kiosk page's URL drops it", () => {
    expect(pageBase("https://hall.example/?x=1", "/kiosk")).toBe("https://hall.example/kiosk");
  });

  it("when logged, then the fragment (and so the secret) is replaced and the rest kept", () => {
    const url = pageUrl("http://192.168.1.10:8080", "/kiosk", agent);
    expect(forLog(url)).toBe("http://192.168.1.10:8080/kiosk#…");
    expect(forLog(fallbackPageUrl({ returnUrl: url, waitSeconds: 5, reason: "unreachable" }))).not.toContain(
      agent.secret,
    );
    expect(forLog("http://h/kiosk")).toBe("http://h/kiosk");
  });

  it("when the fallback page's URL is built, then it is the bundled page with the kiosk URL to return to", () => {
    const kiosk = pageUrl("http://192.168.1.10:8080", "/kiosk", agent);
    const url = fallbackPageUrl({ returnUrl: kiosk, waitSeconds: 30, reason: "server-error" });
    expect(url.startsWith(`${FALLBACK_PAGE_URL}#`)).toBe(true);
    expect(FALLBACK_PAGE_URL).toBe("onewindow-shell://fallback/index.html");
    expect(parseFallbackFragment(new URL(url).hash)).toEqual({
      returnUrl: kiosk,
      waitSeconds: 30,
      reason: "server-error",
    });
  });
});

describe("the agent's pairing page URL", () => {
  it("when derived from the agent's page API address, then it is http on the same loopback port", () => {
    expect(pairingPageUrl("ws://127.0.0.1:41234/")).toBe("http://127.0.0.1:41234/");
  });
});
