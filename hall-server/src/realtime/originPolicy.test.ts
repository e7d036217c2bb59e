import { describe, expect, it } from "vitest";
import { SHELL_FALLBACK_ORIGIN } from "@onewindow/contract";
import { createOriginCheck, ownOrigins } from "./originPolicy.ts";

const addresses = () => ["127.0.0.1", "10.0.0.2", "::1", "fe80::1%eth0", "fd00::2"];

describe("Origin allowlist of /ws", () => {
  it("when the hall listens on every interface, then each interface address and localhost are its own origins", () => {
    expect(ownOrigins("0.0.0.0", 8080, addresses).sort()).toEqual(
      [
        "http://127.0.0.1:8080",
        "http://10.0.0.2:8080",
        "http://[::1]:8080",
        "http://[fd00::2]:8080",
        "http://localhost:8080",
      ].sort(),
    );
  });

  it("when the hall listens on one LAN address at port 80, then that is its only own origin, without the default port", () => {
    expect(ownOrigins("10.0.0.2", 80, addresses)).toEqual(["http://10.0.0.2"]);
  });

  it("when the configured origins are given, then exactly they, the own origins and the shell page pass", () => {
    const check = createOriginCheck(
      { host: "10.0.0.2", publicBaseUrl: "https://hall.example.gov.cn/queue/", extraOrigins: ["http://ops:5173"] },
      () => 8080,
      addresses,
    );
    for (const ok of ["http://10.0.0.2:8080", "https://hall.example.gov.cn", "http://ops:5173", SHELL_FALLBACK_ORIGIN])
      expect([ok, check(ok)]).toEqual([ok, undefined]);
    for (const bad of [
      "http://127.0.0.1:8080", // not listening on loopback
      "http://10.0.0.2:8081",
      "http://10.0.0.2:8080/",
      "https://hall.example.gov.cn/queue",
      "http://hall.example.gov.cn",
      "null",
      "",
      `${SHELL_FALLBACK_ORIGIN}.evil`,
    ])
      expect([bad, typeof check(bad)]).toEqual([bad, "string"]);
  });
});
